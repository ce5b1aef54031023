import Foundation

/// A progress line on standard error (TTY only): `uploading 120/500`.
final class Progress {
    let total: Int
    let enabled: Bool
    let label: String
    private var done = 0

    init(total: Int, enabled: Bool, label: String = "uploading") {
        self.total = total
        self.enabled = enabled
        self.label = label
    }

    func advance(by count: Int) { set(done + count) }

    func set(_ value: Int) {
        done = value
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\(label) \(done)/\(total)".utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
