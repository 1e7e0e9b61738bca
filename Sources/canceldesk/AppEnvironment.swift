import ArgumentParser
import AsyncHTTPClient
import CancelDeskCore
import ConnectClient
import ConnectSandbox
import Foundation
import Journal
import Logging
import Metrics
import VendorClient

/// The composition root: builds the live adapters (or the demo's in-process sandbox) from the options and the
/// configuration, hands them to a command, and tears them down after.
struct AppEnvironment: Sendable {
    let configuration: CancelDeskConfiguration
    let requests: ConnectClient
    let vendor: any VendorAPI
    let journal: SQLiteJournal
    /// Who decides; with `deferAuth`, without the Connect user until ``resolved(_:)`` names it.
    var identity: AuditIdentity
    let logger: Logger
    let isDemo: Bool
    let readOnly: Bool
    /// "Account name (id)" from `/auth/context`, for headers; `[profile] ` first when a profile is in use;
    /// without the account until known (`deferAuth`).
    var accountLabel: String
    /// The same Connect client without retries: one `/auth/context` call whose failure is shown at once (the
    /// console retries on its own schedule, on screen).
    let probe: ConnectClient
    /// With `deferAuth`: ``probe`` on a client of its own whose connect deadline is at most 3 s, so a Connect that
    /// cannot be reached is on the console's screen within seconds, not after the whole connect timeout.
    let quickProbe: ConnectClient?

    /// The configuration profile in use (`--profile`, `$CANCELDESK_PROFILE`), nil for none.
    var profile: String? { configuration.profile }

    /// An engine reporting to `events`, with the crash hook the tests drive through `CANCELDESK_CRASH_AT`; it talks
    /// to Connect through `requests` when given (a wrapper of ``requests``), else through ``requests``.
    func engine(events: @escaping @Sendable (EngineEvent) -> Void) -> CancelEngine {
        CancelEngine(
            requests: requests, vendor: vendor, journal: journal, settings: configuration.engine, identity: identity,
            logger: logger, events: events, crashHook: CrashHook.fromEnvironment(),
            ownerIsAlive: SystemIdentity.isAlive(owner:))
    }

    /// Runs `body` with a ready environment. Throws a ``CommandFailure``: configuration problems exit 78, rejected
    /// credentials 77, an unreachable Connect 69; a ``ServiceError`` `body` throws is mapped by ``ExitStatus``.
    /// `concurrency` (`--concurrency`) is the ceiling of the adaptive limits on calls in flight to Connect and to
    /// the vendor; nil: the configuration's (the console: its own).
    /// `deferAuth`: `body` runs before Connect has answered (the console, which reads `/auth/context` through
    /// ``probe`` and shows a failure on screen); the app then has no account label and no Connect user yet.
    static func with<T: Sendable>(
        _ global: GlobalOptions, mode: RunMode, logger: Logger? = nil, concurrency: Int? = nil,
        deferAuth: Bool = false, _ body: @Sendable (AppEnvironment) async throws -> T
    ) async throws -> T {
        let logger = logger ?? makeLogger(global.logFormat)
        if global.demo {
            return try await DemoSandbox.with(logger: logger) { configuration in
                try await build(
                    configuration, global: global, mode: mode, demo: true, logger: logger, concurrency: concurrency,
                    deferAuth: deferAuth, body)
            }
        }
        let configuration: CancelDeskConfiguration
        do {
            configuration = try global.loader.load()
        } catch let error as ConfigurationError {
            throw global.failure(.config, "\(error)")
        }
        return try await build(
            configuration, global: global, mode: mode, demo: false, logger: logger, concurrency: concurrency,
            deferAuth: deferAuth, body)
    }

    private static func build<T: Sendable>(
        _ configuration: CancelDeskConfiguration, global: GlobalOptions, mode: RunMode, demo: Bool, logger: Logger,
        concurrency: Int?, deferAuth: Bool, _ body: @Sendable (AppEnvironment) async throws -> T
    ) async throws -> T {
        var configuration = configuration
        if let path = global.journal { configuration.journalPath = path }
        let journal: SQLiteJournal
        do {
            journal = try SQLiteJournal.open(path: configuration.journalPath, logger: logger)
        } catch {
            throw global.failure(.config, "\(error)")
        }
        let http = makeConnectHTTPClient(configuration)
        let vendorHTTP = makeVendorHTTPClient(configuration.vendor)
        let connect = connectConfiguration(configuration, readOnly: global.readOnly)
        // One adaptive limit per upstream, shared by every worker of the run.
        let ceiling = concurrency ?? (mode == .tui ? consoleConcurrency : configuration.concurrency)
        let requests = ConnectClient(
            configuration: connect, http: http, logger: logger,
            limiter: limiter(.connect, max: max(ceiling, connect.pageConcurrency)))
        let vendor = VendorClientFactory.make(
            configuration.vendor, http: vendorHTTP, logger: logger, limiter: limiter(.vendor, max: ceiling))
        let once = connectConfiguration(
            configuration, readOnly: global.readOnly, readRetry: RetryPolicy(maxAttempts: 1))
        let probe = ConnectClient(configuration: once, http: http, logger: logger)
        let quickHTTP =
            deferAuth
            ? ConnectClient.makeHTTPClient(
                connectTimeout: min(configuration.connectTimeouts.connect, .seconds(3)),
                readTimeout: configuration.connectTimeouts.total) : nil
        let quickProbe = quickHTTP.map { ConnectClient(configuration: once, http: $0, logger: logger) }
        let app: AppEnvironment
        do {
            let identity = AuditIdentity(
                mode: mode, osUser: SystemIdentity.osUser(), host: SystemIdentity.hostName(), connectUser: "",
                owner: SystemIdentity.owner())
            var built = AppEnvironment(
                configuration: configuration, requests: requests, vendor: vendor, journal: journal, identity: identity,
                logger: logger, isDemo: demo, readOnly: global.readOnly,
                accountLabel: configuration.profile.map { "[\($0)] " } ?? "", probe: probe, quickProbe: quickProbe)
            if !deferAuth { built = built.resolved(try await accountContext(requests, logger: logger)) }
            app = built
        } catch {
            try? await quickHTTP?.shutdown()
            try? await http.shutdown()
            try? await vendorHTTP.shutdown()
            guard let error = error as? ServiceError else { throw error }
            let refused = error.kind == .unauthorized || error.kind == .forbidden
            let status: ExitStatus = refused ? .noPermission : .unavailable
            throw global.failure(status, "Connect at \(configuration.connectURL): \(error.description)")
        }
        do {
            let result = try await body(app)
            try await quickHTTP?.shutdown()
            try await http.shutdown()
            try await vendorHTTP.shutdown()
            return result
        } catch {
            try? await quickHTTP?.shutdown()
            try? await http.shutdown()
            try? await vendorHTTP.shutdown()
            guard let error = error as? ServiceError else { throw error }
            throw global.failure(
                ExitStatus(serviceError: error), "Connect at \(configuration.connectURL): \(error.description)")
        }
    }

    /// The header's account label when `/auth/context` could not be read.
    static let unknownAccountLabel = "account unknown"

    /// The account and user behind the API key, from `/auth/context`. Only headers and the audit name need it, so a
    /// 403 or 404 there (a token without that permission, a gateway without the route) is logged and the command
    /// runs without it (`doctor` reports it); a 401, an outage or a malformed answer still stops the command.
    static func accountContext(_ requests: ConnectClient, logger: Logger) async throws -> AuthContext? {
        do {
            return try await requests.authContext()
        } catch let error as ServiceError where error.kind == .forbidden || error.kind == .notFound {
            logger.warning(
                "Connect account context unavailable; continuing without the account name",
                metadata: ["status": "\(error.httpStatus.map(String.init) ?? "-")", "kind": "\(error.kind.rawValue)"])
            return nil
        }
    }

    /// The app once Connect's `/auth/context` answered: the account named, the Connect user in the identity (nil:
    /// the account context could not be read, see ``accountContext(_:logger:)``).
    func resolved(_ context: AuthContext?) -> AppEnvironment {
        var app = self
        let profile = configuration.profile.map { "[\($0)] " } ?? ""
        app.identity.connectUser = context.map { $0.userID.isEmpty ? $0.userName : $0.userID } ?? ""
        app.accountLabel = profile + (context.map { "\($0.accountName) (\($0.accountID))" } ?? Self.unknownAccountLabel)
        return app
    }

    /// Requests the console works at once (`CancelDeskTUI.Console`'s default).
    static let consoleConcurrency = 4

    /// An adaptive limit on calls in flight to `upstream`, published as `canceldesk_concurrency{upstream}`.
    static func limiter(_ upstream: ServiceError.Service, max: Int) -> ConcurrencyLimiter {
        let gauge = Gauge(label: "canceldesk_concurrency", dimensions: [("upstream", upstream.rawValue)])
        gauge.record(max) // the limit starts at its ceiling
        return ConcurrencyLimiter(max: max) { gauge.record($0) }
    }

    /// The Connect client's settings: the configured total deadline (the connect one is the HTTP client's).
    static func connectConfiguration(
        _ configuration: CancelDeskConfiguration, readOnly: Bool = false, readRetry: RetryPolicy = RetryPolicy()
    ) -> ConnectClientConfiguration {
        ConnectClientConfiguration(
            baseURL: configuration.connectURL, apiKey: configuration.apiKey,
            totalTimeout: configuration.connectTimeouts.total, readRetry: readRetry, readOnly: readOnly)
    }

    /// The HTTP client for Connect, with the configured connect deadline (a silence never outlasts the total one).
    static func makeConnectHTTPClient(_ configuration: CancelDeskConfiguration) -> HTTPClient {
        ConnectClient.makeHTTPClient(
            connectTimeout: configuration.connectTimeouts.connect, readTimeout: configuration.connectTimeouts.total)
    }

    /// The HTTP client for the vendor, with the vendor's own deadlines (`vendor.connect_timeout_seconds`,
    /// `vendor.timeout_seconds`).
    static func makeVendorHTTPClient(_ settings: VendorSettings) -> HTTPClient {
        switch settings {
        case .http(let http):
            HTTPVendorClient.makeHTTPClient(connectTimeout: http.connectTimeout, readTimeout: http.totalTimeout)
        case .template(let template):
            HTTPVendorClient.makeHTTPClient(connectTimeout: template.connectTimeout, readTimeout: template.totalTimeout)
        case .command:
            HTTPVendorClient.makeHTTPClient(connectTimeout: .seconds(10))
        }
    }

    /// The stderr logger, in `format` (`--log-format`), at `$CANCELDESK_LOG_LEVEL` (default warning).
    static func makeLogger(_ format: LogFormat = .text) -> Logger {
        var logger: Logger
        switch format {
        case .text: logger = Logger(label: "canceldesk") { StderrLogHandler(label: $0) }
        case .json: logger = Logger(label: "canceldesk") { JSONLogHandler(label: $0) }
        }
        let level = ProcessInfo.processInfo.environment["CANCELDESK_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:))
        logger.logLevel = level ?? .warning
        return logger
    }
}
