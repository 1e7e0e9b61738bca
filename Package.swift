// swift-tools-version: 6.1
import PackageDescription

/// One list of Swift settings for every target.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let log = Target.Dependency.product(name: "Logging", package: "swift-log")
let asyncHTTPClient = Target.Dependency.product(name: "AsyncHTTPClient", package: "async-http-client")
let hummingbird = Target.Dependency.product(name: "Hummingbird", package: "hummingbird")
let metrics = Target.Dependency.product(name: "Metrics", package: "swift-metrics")
let coreMetrics = Target.Dependency.product(name: "CoreMetrics", package: "swift-metrics")
let prometheus = Target.Dependency.product(name: "Prometheus", package: "swift-prometheus")
let serviceLifecycle = Target.Dependency.product(name: "ServiceLifecycle", package: "swift-service-lifecycle")

let package = Package(
    name: "canceldesk",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "canceldesk", targets: ["canceldesk"]),
        .executable(name: "canceldesk-bench", targets: ["canceldesk-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // Core (ConnectWire is the lowest module: Connect's wire types and the one civil-date routine)
        .target(name: "ConnectWire", swiftSettings: swiftSettings),
        .target(name: "CancelDeskCore", dependencies: ["ConnectWire", log], swiftSettings: swiftSettings),
        .systemLibrary(name: "CNcursesw", pkgConfig: "ncursesw", providers: [.apt(["libncurses-dev"])]),

        // Adapters
        .target(
            name: "ConnectClient",
            dependencies: [
                "CancelDeskCore", "ConnectWire", asyncHTTPClient, log, metrics,
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "ConnectSandbox", dependencies: ["ConnectWire", hummingbird, log], swiftSettings: swiftSettings),
        .target(
            name: "VendorClient",
            dependencies: [
                "CancelDeskCore", asyncHTTPClient, log, metrics,
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Journal",
            dependencies: ["CancelDeskCore", .product(name: "GRDB", package: "GRDB.swift"), log],
            swiftSettings: swiftSettings
        ),

        // Operations: admin endpoint (/metrics, /healthz, /readyz) and the metrics the engine drives
        .target(
            name: "CancelDeskOps",
            dependencies: ["CancelDeskCore", hummingbird, log, metrics, coreMetrics, prometheus, serviceLifecycle],
            swiftSettings: swiftSettings
        ),

        // Front ends
        .target(
            name: "CancelDeskTUI", dependencies: ["CancelDeskCore", "ConnectWire", "CNcursesw", log],
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "canceldesk",
            dependencies: [
                "CancelDeskCore", "CancelDeskTUI", "ConnectClient", "ConnectSandbox", "VendorClient", "Journal",
                "CancelDeskOps", asyncHTTPClient, log, metrics, serviceLifecycle,
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),

        // Benchmarks (release build only; see README "Performance")
        .executableTarget(
            name: "canceldesk-bench",
            dependencies: [
                "CancelDeskCore", "CancelDeskTUI", "ConnectClient", "ConnectSandbox", "VendorClient", "Journal",
                asyncHTTPClient, log,
            ],
            swiftSettings: swiftSettings
        ),

        // Test support
        .target(
            name: "CancelDeskTestSupport",
            dependencies: ["CancelDeskCore", log, hummingbird, .product(name: "NIOCore", package: "swift-nio")],
            path: "Tests/Support",
            swiftSettings: swiftSettings
        ),

        // Tests
        .testTarget(
            name: "CancelDeskCoreTests",
            dependencies: ["CancelDeskCore", "CancelDeskTestSupport", log],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CancelDeskTUITests",
            dependencies: ["CancelDeskTUI", "CNcursesw", "CancelDeskCore", "CancelDeskTestSupport", log],
            exclude: ["Snapshots"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "JournalTests",
            dependencies: ["Journal", "CancelDeskCore", .product(name: "GRDB", package: "GRDB.swift"), log],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "VendorClientTests",
            dependencies: [
                "VendorClient", "CancelDeskCore", "CancelDeskTestSupport", hummingbird, asyncHTTPClient, log,
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ConnectWireTests",
            dependencies: ["ConnectWire"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ConnectClientTests",
            dependencies: [
                "ConnectClient", "CancelDeskCore", "ConnectWire", "ConnectSandbox", "CancelDeskTestSupport",
                asyncHTTPClient, log, .product(name: "NIOCore", package: "swift-nio"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CanceldeskEndToEndTests",
            dependencies: [
                "canceldesk", "CancelDeskCore", "CancelDeskOps", "CancelDeskTestSupport", "ConnectSandbox",
                "ConnectWire",
                asyncHTTPClient, log, .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CancelDeskOpsTests",
            dependencies: [
                "CancelDeskOps", "CancelDeskCore", "CancelDeskTestSupport", "ConnectClient", "VendorClient",
                asyncHTTPClient, log, metrics, coreMetrics, prometheus, serviceLifecycle,
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ConnectSandboxTests",
            dependencies: [
                "ConnectSandbox", "ConnectWire", hummingbird, asyncHTTPClient, log,
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
