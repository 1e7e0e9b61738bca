// swift-tools-version: 6.1
// A separate package of libFuzzer targets for canceldesk (issue 5). It compiles the main package's source
// folders through the symlinks under Sources/ (the main package exports only the `canceldesk` executable), so
// the code under test is exactly the code that ships.
//
//   swift build -c release --sanitize=fuzzer --sanitize=address
//   .build/release/FuzzRequestPage Corpus/FuzzRequestPage -max_total_time=60
//
// or, for every target: ../scripts/fuzz.sh [SECONDS] [TARGET…]
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let log = Target.Dependency.product(name: "Logging", package: "swift-log")

/// One libFuzzer executable: `Sources/<name>/Fuzz.swift` holds `LLVMFuzzerTestOneInput` (never in `main.swift`).
func fuzzTarget(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
    .executableTarget(name: name, dependencies: ["FuzzSupport"] + dependencies, swiftSettings: swiftSettings)
}

let package = Package(
    name: "canceldesk-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
    ],
    targets: [
        // The main package's code, through symlinks (Sources/X -> ../../Sources/X).
        .target(name: "ConnectWire", swiftSettings: swiftSettings),
        .target(name: "CancelDeskCore", dependencies: ["ConnectWire", log], swiftSettings: swiftSettings),
        .target(
            name: "ConnectClient",
            dependencies: [
                "CancelDeskCore", "ConnectWire", log, .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // Only the Keymap folder of CancelDeskTUI (no curses).
        .target(name: "CancelDeskKeymap", dependencies: ["CancelDeskCore"], swiftSettings: swiftSettings),
        // The sandbox's RQL parser (one symlinked file) plus a public view of its parse tree.
        .target(name: "SandboxRQL", swiftSettings: swiftSettings),

        // Shared helpers: the byte reader and the property-violation trap.
        .target(name: "FuzzSupport", swiftSettings: swiftSettings),

        // The fuzz targets.
        fuzzTarget("FuzzRequestPage", ["ConnectClient", "CancelDeskCore"]),
        fuzzTarget("FuzzRQL", ["ConnectClient", "SandboxRQL"]),
        fuzzTarget("FuzzHeaders", ["CancelDeskCore", "ConnectWire"]),
        fuzzTarget("FuzzKeymap", ["CancelDeskKeymap", "CancelDeskCore"]),
        fuzzTarget("FuzzConfig", ["CancelDeskCore"]),
        fuzzTarget("FuzzSanitizer", ["CancelDeskCore"]),
    ]
)
