// swift-tools-version:6.1
// One module per layer; dependencies point down only:
//   C modules -> thin wrappers -> WorkSupportCore (pure) -> WorkSupportStore (SQL) -> executables.
import PackageDescription

let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")
let logging: Target.Dependency = .product(name: "Logging", package: "swift-log")

let package = Package(
    name: "WorkSupport",
    products: [
        .executable(name: "worksupport", targets: ["worksupport"]),
        .executable(name: "worksupport-api", targets: ["worksupport-api"]),
        .executable(name: "worksupport-harvest", targets: ["worksupport-harvest"]),
        .executable(name: "worksupport-sim", targets: ["worksupport-sim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
    ],
    targets: [
        // C libraries from Debian: a modulemap and a shim header each, nothing else.
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CJansson", pkgConfig: "jansson", providers: [.apt(["libjansson-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CFastCGI", pkgConfig: "fcgi", providers: [.apt(["libfcgi-dev"])]),

        // Thin Swift wrappers: the only modules that import a C module.
        .target(name: "Postgres", dependencies: ["CLibPQ", "TextUtilities"]),
        .target(name: "JSON", dependencies: ["CJansson"]),
        .target(name: "Digest", dependencies: ["COpenSSL"]),
        .target(name: "HTTPClient", dependencies: ["CCurl"]),
        .target(name: "FastCGI", dependencies: ["CFastCGI", "HTTPStatus"]),
        // Status reason phrases, shared by the FastCGI responder and the HTTP server.
        .target(name: "HTTPStatus"),
        // String helpers for the modules that avoid full Foundation (the API worker's memory).
        .target(name: "TextUtilities"),
        // A small blocking HTTP/1.1 server over POSIX sockets (simulator and tests).
        .target(name: "HTTPServer", dependencies: ["HTTPStatus", "TextUtilities"]),
        // The one log handler: each swift-log event as one escaped logfmt line on stderr.
        .target(name: "Logfmt", dependencies: [logging]),

        // Pure domain: config, hierarchy, normalization, keys. No I/O (JSON values only).
        .target(name: "WorkSupportCore", dependencies: ["JSON", "Digest", "TextUtilities"]),
        // SQL: migrations, API keys, status, issue writer, audit, API queries.
        .target(name: "WorkSupportStore", dependencies: ["Postgres", "JSON", "WorkSupportCore", "TextUtilities"]),
        // Jira Cloud and GitHub clients: paging, rate limits, retries.
        .target(name: "Connectors", dependencies: ["HTTPClient", "JSON", "WorkSupportCore"]),
        // One harvest run: connectors -> normalization -> store.
        .target(name: "Harvest", dependencies: ["Connectors", "WorkSupportStore", "WorkSupportCore", "JSON", logging]),
        // The dashboard's HTML: escaping builder, layout, pages, SVG charts, assets. No I/O.
        .target(name: "Dashboard", dependencies: ["WorkSupportStore", "WorkSupportCore"]),
        // HTTP API: router, handlers, auth, errors, OpenAPI, metrics. Transport-free.
        .target(name: "API", dependencies: ["Dashboard", "WorkSupportStore", "WorkSupportCore", "Postgres", "JSON", "Digest", "TextUtilities",
                                           logging]),
        // php-fpm style master/worker process manager over FastCGI.
        .target(name: "Pool", dependencies: ["FastCGI", logging]),
        // Jira Cloud + GitHub simulator: dataset, JQL, faults, webhook sender.
        .target(name: "Simulator", dependencies: ["HTTPServer", "HTTPClient", "JSON", "Digest", "TextUtilities"]),

        // The version string from VERSION (scripts/set-version writes it), for every --version.
        .target(name: "WorkSupportVersion"),

        .executableTarget(name: "worksupport",
                          dependencies: ["WorkSupportStore", "WorkSupportCore", "Postgres", "Connectors", "Logfmt",
                                         "WorkSupportVersion", argumentParser]),
        .executableTarget(name: "worksupport-api",
                          dependencies: ["Pool", "API", "FastCGI", "WorkSupportCore", "WorkSupportStore", "JSON", "Logfmt",
                                         "WorkSupportVersion", logging, argumentParser]),
        .executableTarget(name: "worksupport-harvest",
                          dependencies: ["Harvest", "WorkSupportCore", "Logfmt", "WorkSupportVersion", argumentParser]),
        .executableTarget(name: "worksupport-sim",
                          dependencies: ["Simulator", "Logfmt", "WorkSupportVersion", logging, argumentParser]),

        // Shared test support: a scratch database per test on the harness's cluster, process runner.
        .target(name: "TestKit", dependencies: ["Postgres", "WorkSupportStore"], path: "Tests/TestKit"),

        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "TestKit"]),
        .testTarget(name: "JSONTests", dependencies: ["JSON", "TestKit"]),
        .testTarget(name: "DigestTests", dependencies: ["Digest"]),
        .testTarget(name: "HTTPClientTests", dependencies: ["HTTPClient", "HTTPServer"]),
        .testTarget(name: "FastCGITests", dependencies: ["FastCGI", "TestKit"]),
        .testTarget(name: "WorkSupportCoreTests", dependencies: ["WorkSupportCore"]),
        .testTarget(name: "WorkSupportStoreTests", dependencies: ["WorkSupportStore", "WorkSupportCore", "Postgres", "TestKit"]),
        .testTarget(name: "CLITests", dependencies: ["TestKit", "Postgres", "Simulator"]),
        .testTarget(name: "ConnectorsTests", dependencies: ["Connectors", "Simulator", "HTTPClient", "JSON", "WorkSupportCore"]),
        .testTarget(name: "HarvestTests", dependencies: ["API", "Harvest", "Simulator", "WorkSupportStore", "WorkSupportCore", "Postgres", "JSON", "HTTPClient", "TestKit",
                                                        "Logfmt", logging]),
        .testTarget(name: "DashboardTests", dependencies: ["Dashboard"]),
        .testTarget(name: "APITests", dependencies: ["API", "Dashboard", "WorkSupportStore", "WorkSupportCore", "Postgres", "JSON", "TestKit", "Simulator"]),
        .testTarget(name: "PoolTests", dependencies: ["Pool", "FastCGI", "TestKit"]),
        .testTarget(name: "SimulatorTests", dependencies: ["Simulator", "HTTPClient", "JSON"]),
        .testTarget(name: "LogfmtTests", dependencies: ["Logfmt", logging]),
    ]
)
