import Hummingbird
public import Logging

/// An HTTP server emulating CloudBlue Connect's REST API (`/public/v1`) and a vendor API (`/vendor/v1`), with
/// deterministic seeded data, fault injection and counters (`/_sandbox/stats`).
public struct Sandbox: Sendable {
    /// Seeding and behaviour.
    public let options: SandboxOptions
    private let logger: Logger

    /// A sandbox that will seed `options.requests` pending cancels when it runs.
    public init(options: SandboxOptions, logger: Logger) {
        self.options = options
        self.logger = logger
    }

    /// Seeds the data, binds, calls `onReady` with the bound endpoints, and serves until the surrounding task is
    /// cancelled or, when `handleSignals`, SIGINT/SIGTERM asks for a graceful shutdown.
    public func run(
        handleSignals: Bool = false, onReady: @escaping @Sendable (SandboxEndpoints) async -> Void
    ) async throws {
        let clock = ContinuousClock()
        let started = clock.now
        let catalog = SeedCatalog(seed: options.seed)
        let seeded = SeedGenerator(seed: options.seed, pendingCancels: options.requests, catalog: catalog).generate()
        let store = ConnectStore(catalog: catalog, records: seeded.records)
        let vendor = VendorStore(seeds: seeded.vendor)
        let stateLog = options.statePath.map(SandboxStateLog.init(path:))
        if let stateLog {
            let changes = stateLog.load()
            await SandboxStateLog.replay(changes, store: store, vendor: vendor)
            logger.info(
                "sandbox state restored", metadata: ["path": "\(stateLog.path)", "changes": "\(changes.count)"])
        }
        let monitor = SandboxMonitor(seed: options.seed, rateLimit: options.rateLimit)
        logger.info(
            "sandbox seeded",
            metadata: [
                "records": "\(seeded.records.count)", "pending_cancels": "\(options.requests)",
                "seed": "\(options.seed)", "duration": "\(started.duration(to: clock.now))",
            ])

        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: GatewayMiddleware<BasicRequestContext>(options: options, monitor: monitor))
        ConnectRoutes(store: store, options: options, stateLog: stateLog).register(on: router)
        VendorRoutes(vendor: vendor, stateLog: stateLog).register(on: router)
        ControlRoutes(store: store, vendor: vendor, monitor: monitor).register(on: router)

        let host = options.host
        let requestedPort = options.port
        let logger = logger
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: requestedPort), serverName: nil),
            onServerRunning: { channel in
                let endpoints = SandboxEndpoints(host: host, port: channel.localAddress?.port ?? requestedPort)
                logger.info("sandbox serving", metadata: ["connect": "\(endpoints.connectURL)"])
                await onReady(endpoints)
            },
            logger: logger
        )
        if handleSignals {
            try await app.runService() // graceful shutdown on SIGTERM and SIGINT (the default)
        } else {
            try await app.runService(gracefulShutdownSignals: [])
        }
    }
}
