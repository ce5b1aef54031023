import Crypto
import Foundation
import Shared

#if canImport(Glibc)
import Glibc
#endif

/// File helpers shared by backup and restore.
enum BackupFiles {
    static let chunkSize = 1 << 20

    /// Size and SHA-256 (hex) of the file at `path`, read in chunks.
    static func digest(of path: String) throws(BackupError) -> (size: UInt64, sha256: String) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .failed("cannot read \(path)") }
        defer { try? handle.close() }
        var hasher = SHA256()
        var size: UInt64 = 0
        while true {
            let chunk: Data
            do { chunk = try handle.read(upToCount: chunkSize) ?? Data() } catch { throw .failed("cannot read \(path): \(error.localizedDescription)") }
            if chunk.isEmpty { break }
            hasher.update(data: chunk)
            size += UInt64(chunk.count)
        }
        return (size, Hex.lowercase(hasher.finalize()))
    }

    /// Creates `path` for writing, mode 0600, failing when it exists.
    static func createExclusive(_ path: String) throws(BackupError) -> FileHandle {
        let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw .invalid("\(path) already exists") }
            throw .failed("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    /// A new private (0700) folder next to `file`, for work that is moved into place or deleted.
    static func scratchFolder(beside file: URL) throws(BackupError) -> URL {
        let folder = file.deletingLastPathComponent().appendingPathComponent(".\(file.lastPathComponent).\(UUID().uuidString).partial")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .failed("cannot create \(folder.path): \(error.localizedDescription)")
        }
        return folder
    }

    /// The key files of `directory`, by id.
    static func keyFiles(in directory: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".\(KeyRing.fileExtension)") && BackupManifest.isAllowed(BackupManifest.keysFolder + $0) }.sorted()
    }
}
