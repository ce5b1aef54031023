import Foundation

/// Writes a tar archive (`TarFormat`) into a sink.
final class TarWriter {
    private let sink: any ByteSink

    init(_ sink: any ByteSink) { self.sink = sink }

    func add(name: String, bytes: [UInt8]) throws(BackupError) {
        try sink.write(TarFormat.header(name: name, size: UInt64(bytes.count), modified: Int64(Date().timeIntervalSince1970)))
        try sink.write(bytes + [UInt8](repeating: 0, count: TarFormat.padding(after: UInt64(bytes.count))))
    }

    /// Adds the first `size` bytes of the file at `path`, streamed in chunks.
    func add(name: String, contentsOf path: String, size: UInt64) throws(BackupError) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .failed("cannot read \(path)") }
        defer { try? handle.close() }
        try sink.write(TarFormat.header(name: name, size: size, modified: Int64(Date().timeIntervalSince1970)))
        var written: UInt64 = 0
        while written < size {
            let chunk: Data
            do { chunk = try handle.read(upToCount: BackupFiles.chunkSize) ?? Data() } catch { throw .failed("cannot read \(path): \(error.localizedDescription)") }
            guard !chunk.isEmpty else { throw .failed("\(path) shrank while it was being written") }
            let bytes = Array(chunk.prefix(Int(clamping: size - written)))
            try sink.write(bytes)
            written += UInt64(bytes.count)
        }
        try sink.write([UInt8](repeating: 0, count: TarFormat.padding(after: size)))
    }

    func finish() throws(BackupError) {
        try sink.write(TarFormat.end)
        try sink.finish()
    }
}

/// Reads a tar archive (`TarFormat`) from a source, one member at a time.
final class TarReader {
    private let source: any ByteSource

    init(_ source: any ByteSource) { self.source = source }

    /// The next member's header, or nil at the end of the archive.
    func next() throws(BackupError) -> TarFormat.Member? {
        try TarFormat.parse(source.readExactly(TarFormat.blockSize))
    }

    /// Streams the data of `member` to `body` in chunks, then skips its padding.
    func readData(of member: TarFormat.Member, _ body: ([UInt8]) throws(BackupError) -> Void) throws(BackupError) {
        var remaining = member.size
        while remaining > 0 {
            let chunk = try source.readExactly(Int(clamping: min(remaining, UInt64(BackupFiles.chunkSize))))
            try body(chunk)
            remaining -= UInt64(chunk.count)
        }
        _ = try source.readExactly(TarFormat.padding(after: member.size))
    }
}
