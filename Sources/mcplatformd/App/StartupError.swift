/// A reason the daemon cannot start, with the exit status it leaves with: 2 for bad
/// configuration (a setting that cannot work), 1 for anything else.
struct StartupError: Error, CustomStringConvertible {
    let message: String
    let exitCode: Int32

    var description: String { message }

    static func configuration(_ setting: Setting, _ problem: String) -> StartupError {
        StartupError(message: "configuration error: \(setting.rawValue): \(problem)", exitCode: 2)
    }
}
