// swift-tools-version:6.1
// One module per layer; dependencies point down only:
//   C modules -> thin wrappers -> WorkSupportCore (pure) -> WorkSupportStore (SQL) -> executables.
import PackageDescription

let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")
let crypto: Target.Dependency = .product(name: "Crypto", package: "swift-crypto")

let package = Package(
    name: "WorkSupport",
    products: [
        .executable(name: "worksupport", targets: ["worksupport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
    ],
    targets: [
        // C libraries from Debian: a modulemap and a shim header each, nothing else.
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CJansson", pkgConfig: "jansson", providers: [.apt(["libjansson-dev"])]),
        .systemLibrary(name: "CFastCGI", pkgConfig: "fcgi", providers: [.apt(["libfcgi-dev"])]),

        // Thin Swift wrappers: the only modules that import a C module.
        .target(name: "Postgres", dependencies: ["CLibPQ"]),
        .target(name: "JSON", dependencies: ["CJansson"]),
        .target(name: "HTTPClient", dependencies: ["CCurl"]),
        .target(name: "FastCGI", dependencies: ["CFastCGI"]),
        // A small blocking HTTP/1.1 server over POSIX sockets (simulator and tests).
        .target(name: "HTTPServer"),

        // Pure domain: config, hierarchy, keys. No I/O.
        .target(name: "WorkSupportCore", dependencies: [crypto]),
        // SQL: migrations, API keys, status.
        .target(name: "WorkSupportStore", dependencies: ["Postgres", "WorkSupportCore"]),

        .executableTarget(name: "worksupport",
                          dependencies: ["WorkSupportStore", "WorkSupportCore", "Postgres", argumentParser]),

        // Shared test support: a scratch database per test on the harness's cluster, process runner.
        .target(name: "TestKit", dependencies: ["Postgres"], path: "Tests/TestKit"),

        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "TestKit"]),
        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "HTTPClientTests", dependencies: ["HTTPClient", "HTTPServer"]),
        .testTarget(name: "FastCGITests", dependencies: ["FastCGI"]),
        .testTarget(name: "WorkSupportCoreTests", dependencies: ["WorkSupportCore"]),
        .testTarget(name: "WorkSupportStoreTests", dependencies: ["WorkSupportStore", "Postgres", "TestKit"]),
        .testTarget(name: "CLITests", dependencies: ["TestKit", "Postgres"]),
    ]
)
