/// A configuration problem, reported as one line that names the setting and where its value
/// came from; the daemon exits with status 2.
struct ConfigurationError: Error, CustomStringConvertible, Equatable {
    /// The setting (or config file / environment variable) at fault.
    let subject: String
    let problem: String

    var description: String { "configuration error: \(subject): \(problem)" }
}
