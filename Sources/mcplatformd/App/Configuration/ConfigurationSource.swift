/// Where a setting's value came from, in precedence order (first wins).
enum ConfigurationSource: Sendable, Equatable, CustomStringConvertible {
    case flag
    case environment
    case file(String)
    case defaultValue

    var description: String {
        switch self {
        case .flag: "flag"
        case .environment: "environment"
        case .file(let path): "config file \(path)"
        case .defaultValue: "default"
        }
    }
}

/// A raw setting value with its source, before it is parsed.
struct RawSetting: Sendable, Equatable {
    let value: String
    let source: ConfigurationSource

    /// How an error message names this value: `--public-listen`, `MCPLATFORM_PUBLIC_LISTEN`, or
    /// `public-listen in /etc/mcplatform.toml`.
    func subject(_ setting: Setting) -> String {
        switch source {
        case .flag: "--\(setting.rawValue)"
        case .environment: setting.environmentName
        case .file(let path): "\(setting.rawValue) in \(path)"
        case .defaultValue: setting.rawValue
        }
    }
}
