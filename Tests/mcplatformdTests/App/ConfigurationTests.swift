import Foundation
import Testing
@testable import mcplatformd

@Suite("Configuration")
struct ConfigurationTests {
    let home = "/tmp/nonexistent-home"

    @Test("defaults need nothing set")
    func defaults() throws {
        let configuration = try ConfigurationLoader(environment: ["HOME": home]).load()
        #expect(configuration.dataDir.path == "\(home)/.local/share/mcplatform")
        #expect(configuration.keysDir.path == "\(home)/.local/share/mcplatform/keys")
        #expect(configuration.databaseURL.raw == "sqlite://\(home)/.local/share/mcplatform/mcplatform.sqlite")
        #expect(configuration.publicListen == ListenAddress(host: "127.0.0.1", port: 8080))
        #expect(configuration.adminListen == ListenAddress(host: "127.0.0.1", port: 8081))
        #expect(configuration.baseDomain == "localhost")
        #expect(configuration.allowSignup)
        #expect(configuration.sources[.publicListen] == .defaultValue)
    }

    @Test("XDG_DATA_HOME moves the data directory")
    func xdgDataHome() throws {
        let configuration = try ConfigurationLoader(environment: ["HOME": home, "XDG_DATA_HOME": "/srv/data"]).load()
        #expect(configuration.dataDir.path == "/srv/data/mcplatform")
    }

    @Test("flags beat environment, environment beats the file, the file beats defaults")
    func precedence() throws {
        let file = try writeTemporary("""
            public-listen = "127.0.0.1:7001"
            admin-listen = "127.0.0.1:7002"
            base-domain = "file.example.com"
            log-level = "debug"
            """, extension: "toml")
        let loader = ConfigurationLoader(
            flags: [.publicListen: "127.0.0.1:9001"],
            configFile: file,
            environment: ["HOME": home, "MCPLATFORM_PUBLIC_LISTEN": "127.0.0.1:8001", "MCPLATFORM_ADMIN_LISTEN": "127.0.0.1:8002"])
        let configuration = try loader.load()
        #expect(configuration.publicListen.port == 9001)
        #expect(configuration.adminListen.port == 8002)
        #expect(configuration.baseDomain == "file.example.com")
        #expect(configuration.logLevel == .debug)
        #expect(configuration.allowSignup == true)
        #expect(configuration.sources[.publicListen] == .flag)
        #expect(configuration.sources[.adminListen] == .environment)
        #expect(configuration.sources[.baseDomain] == .file(file))
        #expect(configuration.sources[.allowSignup] == .defaultValue)
    }

    @Test("YAML config files, with lists")
    func yaml() throws {
        let file = try writeTemporary("""
            metrics-allow:
              - 10.0.0.0/8
              - ::1
            allow-signup: false
            database-url: postgres://mcp:s3cret@db.internal:5433/mcplatform
            """, extension: "yaml")
        let configuration = try ConfigurationLoader(configFile: file, environment: ["HOME": home]).load()
        #expect(configuration.metricsAllow.map(\.description) == ["10.0.0.0/8", "::1"])
        #expect(configuration.allowSignup == false)
        #expect(configuration.databaseURL.engine == .postgres)
        #expect(configuration.databaseURL.redacted == "postgres://mcp:***@db.internal:5433/mcplatform")
        #expect(!configuration.printableValues().contains { $0.1.contains("s3cret") })
    }

    @Test("MCPLATFORM_CONFIG names the config file")
    func configFromEnvironment() throws {
        let file = try writeTemporary("base-domain = \"env-file.example\"\n", extension: "toml")
        let configuration = try ConfigurationLoader(environment: ["HOME": home, "MCPLATFORM_CONFIG": file]).load()
        #expect(configuration.baseDomain == "env-file.example")
    }

    @Test("bad values name the setting, where it came from and the rule", arguments: [
        (Setting.publicListen, "localhost", "--public-listen", "HOST:PORT"),
        (Setting.adminListen, "127.0.0.1:70000", "--admin-listen", "HOST:PORT"),
        (Setting.publicURL, "not a url", "--public-url", "absolute http(s) URL"),
        (Setting.publicURL, "ftp://files.example.com", "--public-url", "absolute http(s) URL"),
        (Setting.databaseURL, "mysql://db/x", "--database-url", "unsupported database scheme 'mysql'"),
        (Setting.databaseURL, "nonsense", "--database-url", "malformed database URL"),
        (Setting.logLevel, "loud", "--log-level", "trace, debug"),
        (Setting.logFormat, "xml", "--log-format", "auto, json or text"),
        (Setting.allowSignup, "maybe", "--allow-signup", "true or false"),
        (Setting.metricsAllow, "10.0.0.0/33", "--metrics-allow", "CIDR"),
        (Setting.baseDomain, "bad domain!", "--base-domain", "domain name"),
        (Setting.oauthAccessTokenTTL, "2d", "--oauth-access-token-ttl", "1s to 1d"),
        (Setting.oauthRefreshGrace, "soon", "--oauth-refresh-grace", "0s to 10m"),
        (Setting.oauthTokenRequestsPerMinute, "-1", "--oauth-token-requests-per-minute", "whole number"),
        (Setting.platformOAuthDiscoveryURL, "idp", "--platform-oauth-discovery-url", "absolute http(s) URL"),
    ])
    func badFlag(setting: Setting, value: String, subject: String, rule: String) throws {
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader(flags: [setting: value], environment: ["HOME": home]).load()
        }
        #expect(error?.subject == subject)
        #expect(error?.description.contains(rule) == true, "\(error?.description ?? "")")
    }

    @Test("the platform identity provider: a client id and a discovery URL (or the endpoints) are needed, and its secret is redacted")
    func platformProvider() throws {
        #expect(try ConfigurationLoader(environment: ["HOME": home]).load().platformOAuth == nil)
        let configured = try ConfigurationLoader(environment: [
            "HOME": home, "MCPLATFORM_PLATFORM_OAUTH_DISCOVERY_URL": "https://accounts.example.com",
            "MCPLATFORM_PLATFORM_OAUTH_CLIENT_ID": "daemon", "MCPLATFORM_PLATFORM_OAUTH_CLIENT_SECRET": "s3cr3t-value",
        ]).load()
        #expect(configured.platformOAuth?.name == "accounts.example.com" && configured.platformOAuth?.scopes == "openid email profile")
        let printed = configured.printableValues().map { "\($0.0.rawValue)=\($0.1)" }.joined(separator: "\n")
        #expect(printed.contains("platform-oauth-client-secret=(redacted)") && !printed.contains("s3cr3t-value"))
        let noClient = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader(environment: ["HOME": home, "MCPLATFORM_PLATFORM_OAUTH_DISCOVERY_URL": "https://accounts.example.com"]).load()
        }
        #expect(noClient?.subject == "platform-oauth-client-id")
        let noEndpoints = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader(environment: ["HOME": home, "MCPLATFORM_PLATFORM_OAUTH_CLIENT_ID": "daemon",
                                                  "MCPLATFORM_PLATFORM_OAUTH_AUTHORIZE_URL": "https://idp.example.com/authorize"]).load()
        }
        #expect(noEndpoints?.subject == "platform-oauth-discovery-url")
        let secretError = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader(flags: [.databaseURL: "nonsense"], environment: ["HOME": home]).load()
        }
        #expect(secretError != nil)
    }

    @Test("mail: smtp-url is checked and its password redacted, mail-from defaults to support@<base-domain>, smtp-allow-insecure is for loopback only")
    func mailSettings() throws {
        let off = try ConfigurationLoader(environment: ["HOME": home, "MCPLATFORM_BASE_DOMAIN": "mcp.example.com"]).load()
        #expect(off.mail.isEnabled == false && off.mail.from == "support@mcp.example.com" && off.mail.transport == nil)
        let on = try ConfigurationLoader(environment: ["HOME": home, "MCPLATFORM_SMTP_URL": "smtp://mailer:hunter22@smtp.example.com:587",
                                                       "MCPLATFORM_MAIL_FROM": "help@acme.test"]).load()
        #expect(on.mail.smtpURL?.host == "smtp.example.com" && on.mail.from == "help@acme.test" && on.mail.allowInsecure == false)
        let printed = on.printableValues().map { "\($0.0.rawValue)=\($0.1)" }.joined(separator: "\n")
        #expect(!printed.contains("hunter22"), "\(printed)")
        for (value, words) in [("http://smtp.example.com", "scheme"), ("smtp://", "no host"), ("smtp://host:99999", "port"),
                               ("smtp://host/path?x=1", "path"), ("not a url", "expected")] {
            let error = #expect(throws: ConfigurationError.self) {
                try ConfigurationLoader(environment: ["HOME": home, "MCPLATFORM_SMTP_URL": value]).load()
            }
            #expect(error?.description.contains("MCPLATFORM_SMTP_URL") == true && error?.description.contains(words) == true, "\(value): \(String(describing: error))")
        }
        let injected = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader(environment: ["HOME": home, "MCPLATFORM_MAIL_FROM": "a@b.test\r\nBcc: eve@evil.test"]).load()
        }
        #expect(injected?.description.contains("MCPLATFORM_MAIL_FROM") == true)
        let remote = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader(environment: ["HOME": home, "MCPLATFORM_SMTP_URL": "smtp://smtp.example.com:25",
                                                  "MCPLATFORM_SMTP_ALLOW_INSECURE": "true"]).load()
        }
        #expect(remote?.subject == "smtp-allow-insecure" && remote?.problem.contains("loopback") == true)
        #expect(try ConfigurationLoader(environment: ["HOME": home, "MCPLATFORM_SMTP_URL": "smtp://127.0.0.1:2525",
                                                      "MCPLATFORM_SMTP_ALLOW_INSECURE": "true"]).load().mail.allowInsecure)
        let missing = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader(environment: ["HOME": home, "MCPLATFORM_SMTP_CA_FILE": "/nonexistent/ca.pem"]).load()
        }
        #expect(missing?.description.contains("cannot read the file") == true)
    }

    @Test("a bad environment value is named by its variable")
    func badEnvironmentValue() {
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader(environment: ["HOME": home, "MCPLATFORM_PUBLIC_LISTEN": "nope"]).load()
        }
        #expect(error?.subject == "MCPLATFORM_PUBLIC_LISTEN")
    }

    @Test("unknown environment settings are refused")
    func unknownEnvironment() {
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader(environment: ["HOME": home, "MCPLATFORM_PUBLIC_LISTN": "127.0.0.1:1"]).load()
        }
        #expect(error?.subject == "MCPLATFORM_PUBLIC_LISTN")
        #expect(error?.problem.contains("unknown setting") == true)
    }

    @Test("unknown config-file keys are refused", arguments: ["toml", "yaml"])
    func unknownFileKey(format: String) throws {
        let text = format == "toml" ? "public-listn = \"127.0.0.1:1\"\n" : "public-listn: 127.0.0.1:1\n"
        let file = try writeTemporary(text, extension: format)
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader(configFile: file, environment: ["HOME": home]).load()
        }
        #expect(error?.description.contains("unknown key 'public-listn'") == true)
    }

    @Test("an unreadable or malformed config file is refused")
    func malformedFile() throws {
        #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader(configFile: "/nonexistent/mcplatform.toml", environment: ["HOME": home]).load()
        }
        let file = try writeTemporary("this is = = not toml", extension: "toml")
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader(configFile: file, environment: ["HOME": home]).load()
        }
        #expect(error?.problem.contains("invalid TOML") == true)
    }

    @Test("listen addresses and address ranges parse as documented")
    func addresses() throws {
        #expect(ListenAddress(parsing: "[::1]:8080") == ListenAddress(host: "::1", port: 8080))
        #expect(ListenAddress(parsing: "0.0.0.0:0") == ListenAddress(host: "0.0.0.0", port: 0))
        #expect(ListenAddress(parsing: ":8080") == nil)
        let loopback = try #require(AddressRange(parsing: "127.0.0.0/8"))
        #expect(loopback.contains(AddressRange.bytes(of: "127.1.2.3")!))
        #expect(!loopback.contains(AddressRange.bytes(of: "128.0.0.1")!))
        #expect(loopback.contains(AddressRange.bytes(of: "::ffff:127.0.0.1")!))
        let v6 = try #require(AddressRange(parsing: "fd00::/8"))
        #expect(v6.contains(AddressRange.bytes(of: "fd12::1")!))
        #expect(!v6.contains(AddressRange.bytes(of: "fe80::1")!))
    }
}

/// Writes `text` to a new temporary file with `extension`; returns its path.
func writeTemporary(_ text: String, extension ext: String) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("mcp-\(UUID().uuidString).\(ext)").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}
