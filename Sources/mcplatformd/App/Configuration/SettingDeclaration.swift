/// A setting's default: a value, or one derived from the settings applied before it (and the
/// environment, for paths under `$HOME`).
enum SettingDefault<Value: Sendable>: Sendable {
    /// A fixed value; `shown` replaces its printed form in help where that says more.
    case value(Value, shown: String? = nil)
    /// Computed at load time; `shown` is how help describes it.
    case derived(String, @Sendable (DaemonConfiguration, [String: String]) -> Value)
}

/// Everything about one setting but its name: how to parse it into the configuration, its
/// default, how to print it, and its help. Built by `Setting.declaration`.
struct SettingDeclaration: Sendable {
    let valueName: String
    let help: String
    /// What a valid value looks like ("expected …").
    let expectation: String
    /// The default as help and README show it.
    let defaultText: String
    let isSecret: Bool
    /// Parses `text` into the configuration; false when it does not parse.
    let apply: @Sendable (inout DaemonConfiguration, String) -> Bool
    /// Sets the default.
    let applyDefault: @Sendable (inout DaemonConfiguration, [String: String]) -> Void
    /// The effective value as `mcplatformd config` prints it (never a secret).
    let show: @Sendable (DaemonConfiguration) -> String
    /// Says more about a value that does not parse, when the kind can.
    let problem: (@Sendable (String) -> String?)?

    /// The declaration of a setting stored at `path`, of `kind`.
    static func value<Value>(_ path: WritableKeyPath<DaemonConfiguration, Value> & Sendable, _ kind: SettingKind<Value>,
                             default defaultValue: SettingDefault<Value>, _ help: String, secret: Bool = false) -> SettingDeclaration {
        let defaultText: String
        let applyDefault: @Sendable (inout DaemonConfiguration, [String: String]) -> Void
        switch defaultValue {
        case .value(let value, let shown):
            defaultText = shown ?? kind.format(value)
            applyDefault = { configuration, _ in configuration[keyPath: path] = value }
        case .derived(let shown, let derive):
            defaultText = shown
            applyDefault = { configuration, environment in configuration[keyPath: path] = derive(configuration, environment) }
        }
        return SettingDeclaration(
            valueName: kind.valueName, help: help, expectation: kind.expectation, defaultText: defaultText, isSecret: secret,
            apply: { configuration, text in
                guard let value = kind.parse(text) else { return false }
                configuration[keyPath: path] = value
                return true
            },
            applyDefault: applyDefault,
            show: { configuration in
                let text = kind.format(configuration[keyPath: path])
                return secret && !kind.formatRedacts && !text.isEmpty ? "(redacted)" : text
            },
            problem: kind.problem)
    }
}
