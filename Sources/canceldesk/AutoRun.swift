import CancelDeskCore
import CancelDeskOps
import Foundation
import Logging
import ServiceLifecycle

#if canImport(Glibc)
    import Glibc
#endif

/// `canceldesk --auto`: one pass (or, with `--watch`, passes until a stop signal), then the summary.
///
/// The run is a swift-service-lifecycle `ServiceGroup` whose graceful-shutdown signals are SIGTERM and SIGINT: the
/// passes are one service (``PassLoop``), systemd's watchdog another (``SystemdWatchdog``, when asked for).
///
/// Stopping (SIGINT/SIGTERM, or stdout closed under it): nothing new starts; requests in flight may finish for the
/// configured grace period (`auto.stop_grace_seconds`, default 30 s); then the pass's task is cancelled (the listing
/// too) and the summary is written. Should the pass still not return within ``cancelBound`` of that, the summary of
/// what was reported is written and the process exits anyway: `--auto` always ends within grace + bound of a stop.
struct AutoRun: Sendable {
    let app: AppEnvironment
    let concurrency: Int
    let limit: Int?
    let dryRun: Bool
    let watch: Int?
    let json: Bool
    /// `--admin`: where the admin endpoint (`/metrics`, `/healthz`, `/readyz`) listens; nil for none.
    var admin: AdminAddress?

    /// How long a cancelled pass may take to return before the process exits without it.
    static let cancelBound: Duration = .seconds(5)

    /// Runs and returns the exit status.
    func run() async throws -> ExitStatus {
        let reporter = HeadlessReporter(json: json, profile: app.profile)
        let ledger = SummaryLedger(reporter: reporter)
        let stop = StopSignal()
        let grace = app.configuration.stopGrace
        let notifier = SystemdNotifier(environment: ProcessInfo.processInfo.environment)
        StopSignal.ignoreTerminationSignals()
        // `--admin`: metrics go to a Prometheus registry (swift-metrics bootstrapped once), the engine's events and
        // each pass's summary drive the decision counters, the gauges and readiness.
        let registry = admin.map { _ in OpsMetrics.bootstrap() }
        let ops = registry.map(OpsState.init(registry:))
        let events: @Sendable (EngineEvent) -> Void = { event in
            reporter.report(event)
            ops?.record(event)
        }
        let loop = PassLoop(
            engine: app.engine(events: events),
            options: QueueOptions(concurrency: concurrency, limit: limit, dryRun: dryRun || app.readOnly),
            watch: watch, grace: grace, stop: stop, reporter: reporter, ledger: ledger, notifier: notifier, ops: ops)

        // Services stop in reverse order: the pass loop (last) first, then what it leaves running.
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        if let notifier, let interval = notifier.watchdogInterval {
            let watchdog = SystemdWatchdog(notifier: notifier, interval: interval)
            services.append(.init(service: watchdog, serviceName: "systemd-watchdog"))
        }
        // The admin endpoint comes before the pass loop, so that it answers /healthz and /metrics until the passes
        // have ended and the summary is written.
        if let admin, let registry, let ops {
            let server = AdminServer(
                address: admin, registry: registry, state: ops, logger: app.logger,
                onListening: { Console.error("admin \($0)") })
            services.append(.init(service: server, serviceName: "admin"))
        }
        services.append(
            .init(
                service: loop, successTerminationBehavior: .gracefullyShutdownGroup,
                failureTerminationBehavior: .gracefullyShutdownGroup, serviceName: "passes"))
        var configuration = ServiceGroupConfiguration(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: app.logger)
        // The pass loop bounds its own shutdown (grace, then cancellation); the group's bound covers the others.
        configuration.maximumGracefulShutdownDuration = grace + Self.cancelBound
        let group = ServiceGroup(configuration: configuration)

        return await withTaskGroup(of: ExitStatus?.self) { tasks in
            tasks.addTask {
                do {
                    try await group.run()
                } catch {
                    app.logger.error("the service group failed", metadata: ["error": "\(error)"])
                }
                return ledger.finish()
            }
            tasks.addTask {
                // The hard bound: grace + cancelBound after a stop (or the passes' end), exit without waiting more.
                await stop.waitForStop()
                try? await Task.sleep(for: grace + Self.cancelBound)
                if Task.isCancelled { return nil }
                Console.error("canceldesk: not ended \(Self.cancelBound) after the stop grace was over; exiting")
                exit(ledger.abandon().rawValue)
            }
            var code = ExitStatus.needsAttention
            for await result in tasks {
                if let result {
                    code = result
                    tasks.cancelAll()
                }
            }
            return code
        }
    }
}
