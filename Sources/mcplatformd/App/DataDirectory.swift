import Foundation

/// Creates the data directory (mode 0700) and checks it is writable, before anything is put in it.
enum DataDirectory {
    static func prepare(_ directory: URL, setting: Setting = .dataDir) throws(StartupError) {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: directory.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw .configuration(setting, "\(directory.path) exists and is not a directory")
            }
        } else {
            do {
                try manager.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw .configuration(setting, "cannot create \(directory.path): \(Self.reason(error))")
            }
        }
        guard manager.isWritableFile(atPath: directory.path) else {
            throw .configuration(setting, "\(directory.path) is not writable")
        }
    }

    private static func reason(_ error: any Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let code = underlying?.code, code == Int(EACCES) || code == Int(EPERM) { return "permission denied" }
        if (error as NSError).code == CocoaError.fileWriteNoPermission.rawValue { return "permission denied" }
        return error.localizedDescription
    }
}
