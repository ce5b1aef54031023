import Foundation

/// Where archive bytes go: a file, or the encrypting layer in front of one.
protocol ByteSink: AnyObject {
    func write(_ bytes: [UInt8]) throws(BackupError)
    /// Flushes what is buffered; nothing may be written afterwards.
    func finish() throws(BackupError)
}

/// Where archive bytes come from; `read` answers an empty array at the end.
protocol ByteSource: AnyObject {
    func read(upTo count: Int) throws(BackupError) -> [UInt8]
}

extension ByteSource {
    /// Exactly `count` bytes, or `.invalid("… truncated")` when the stream ends first.
    func readExactly(_ count: Int) throws(BackupError) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        while bytes.count < count {
            let chunk = try read(upTo: count - bytes.count)
            guard !chunk.isEmpty else { throw .invalid("the backup is truncated") }
            bytes += chunk
        }
        return bytes
    }
}

/// A file written through `FileHandle`.
final class FileSink: ByteSink {
    private let handle: FileHandle

    init(_ handle: FileHandle) { self.handle = handle }

    func write(_ bytes: [UInt8]) throws(BackupError) {
        do { try handle.write(contentsOf: bytes) } catch { throw .failed("cannot write the backup: \(error.localizedDescription)") }
    }

    func finish() throws(BackupError) {
        do { try handle.synchronize() } catch { throw .failed("cannot write the backup: \(error.localizedDescription)") }
    }
}

/// A file read through `FileHandle`.
final class FileSource: ByteSource {
    private let handle: FileHandle

    init(_ handle: FileHandle) { self.handle = handle }

    func read(upTo count: Int) throws(BackupError) -> [UInt8] {
        do { return Array(try handle.read(upToCount: count) ?? Data()) } catch {
            throw .failed("cannot read the backup: \(error.localizedDescription)")
        }
    }
}
