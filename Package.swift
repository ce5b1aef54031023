// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "mcplatform",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "mcplatformd", targets: ["mcplatformd"]),
        .executable(name: "mcpctl", targets: ["mcpctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-openapi-generator", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird", from: "2.1.0"),
        .package(url: "https://github.com/swift-server/swift-openapi-async-http-client", from: "1.5.0"),
    ],
    targets: [
        /// What both programs agree on: API types and validation rules.
        /// The admin API's types are generated here from `openapi.yaml`, the API's one source.
        .target(
            name: "Shared",
            dependencies: [.product(name: "Yams", package: "Yams"), .product(name: "Crypto", package: "swift-crypto"),
                           .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")],
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        /// libedit, for line editing at mcpctl's prompts (Debian: libedit-dev).
        .systemLibrary(name: "CEditLine", path: "Sources/CEditLine", providers: [.apt(["libedit-dev"])]),
        /// SMTP delivery through libcurl (Debian: libcurl4-openssl-dev): a C shim, because
        /// `curl_easy_setopt` is variadic and Swift cannot call it.
        .target(name: "CSMTP", linkerSettings: [.linkedLibrary("curl")]),
        /// SQLite 3.54.1, the amalgamation with its symbols renamed `mcp_sqlite3_*` so that no other
        /// copy of SQLite a library might bring can be confused with it: the one copy of SQLite in
        /// the daemon, driven by `Storage/SQLiteDirect.swift` (docs/ARCHITECTURE.md, "Storage").
        .target(
            name: "CSQLite",
            cSettings: [
                .define("SQLITE_DEFAULT_MEMSTATUS", to: "0"), .define("SQLITE_DISABLE_PAGECACHE_OVERFLOW_STATS"), .define("SQLITE_DQS", to: "0"),
                .define("SQLITE_ENABLE_API_ARMOR", .when(configuration: .debug)), .define("SQLITE_ENABLE_FTS5"), .define("SQLITE_ENABLE_NULL_TRIM"),
                .define("SQLITE_MAX_VARIABLE_NUMBER", to: "250000"), .define("SQLITE_LIKE_DOESNT_MATCH_BLOBS"), .define("SQLITE_OMIT_COMPLETE"),
                .define("SQLITE_OMIT_DEPRECATED"), .define("SQLITE_OMIT_DESERIALIZE"), .define("SQLITE_OMIT_GET_TABLE"),
                .define("SQLITE_OMIT_LOAD_EXTENSION"), .define("SQLITE_OMIT_PROGRESS_CALLBACK"), .define("SQLITE_OMIT_SHARED_CACHE"),
                .define("SQLITE_OMIT_TCL_VARIABLE"), .define("SQLITE_OMIT_TRACE"), .define("SQLITE_SECURE_DELETE"), .define("SQLITE_THREADSAFE", to: "1"),
                .define("SQLITE_UNTESTABLE"), .define("SQLITE_USE_URI"),
            ]
        ),
        /// The git commit the binaries were built from (`version`), written at build time.
        .target(name: "BuildInfo", plugins: ["BuildInfoPlugin"]),
        .plugin(name: "BuildInfoPlugin", capability: .buildTool()),
        /// What both command-line programs share: argument parsing conventions and exit codes.
        .target(
            name: "CommandLineSupport",
            dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "mcplatformd",
            dependencies: [
                "Shared", "CommandLineSupport", "CSMTP", "CSQLite", "BuildInfo",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
            ],
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        .executableTarget(
            name: "mcpctl",
            dependencies: [
                "Shared", "CommandLineSupport", "CEditLine", "BuildInfo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                // AsyncHTTPClient, not URLSession: FoundationNetworking does not link with
                // --static-swift-stdlib (scripts/release), and the daemon builds AHC anyway.
                .product(name: "OpenAPIAsyncHTTPClient", package: "swift-openapi-async-http-client"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        .testTarget(
            name: "mcplatformdTests",
            dependencies: [
                "mcplatformd", "mcpctl", "Shared",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            // Snapshots are read from the source tree (and rewritten by UPDATE_SNAPSHOTS=1), not bundled.
            exclude: ["Snapshots"],
            resources: [.copy("Support/tcp_proxy.py"), .copy("Support/mcp_client.py"), .copy("Support/pty_script.py"), .copy("Support/mcp_search.py"), .copy("Support/mcp_walkthrough.py"),
                        .copy("Support/mcp_oauth.py"), .copy("Support/oidc_provider.py"), .copy("Support/dns_server.py"),
                        .copy("Support/validate_schema.py"), .copy("Support/mcp_calls.py"), .copy("Support/smtp_server.py"), .copy("Support/parse_email.py"), .copy("Support/tls_probe.py")]
        ),
    ]
)
