import ArgumentParser
import CancelDeskCore
import CancelDeskOps
import Foundation

/// `canceldesk`: the operator's tool for CloudBlue Connect subscription-cancel requests.
@main
struct CancelDeskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "canceldesk",
        abstract: "Work the queue of CloudBlue Connect subscription-cancel requests.",
        discussion: """
            Without a subcommand: the operator console (with --auto: process the queue unattended).
            Exit codes: 0 all handled, 1 some need review or failed (approve/reject: not applied), 3 already decided
            (approve/reject), 64 usage, 66 unknown request id, 69 Connect or vendor unavailable, 70 internal error,
            74 stdout closed (the reader went away), 77 credentials rejected, 78 configuration invalid.
            Shell completions: canceldesk --generate-completion-script bash|zsh|fish. Machine output (--json): one
            JSON object per line, each with a "type"; see docs/json.md.
            """,
        version: CancelDeskVersion.current,
        subcommands: [
            ListCommand.self, ShowCommand.self, ApproveCommand.self, RejectCommand.self, HistoryCommand.self,
            DoctorCommand.self, KeymapCommand.self, SandboxCommand.self,
        ]
    )

    /// Parses and runs, with SIGPIPE ignored first: a closed stdout is an EPIPE that `Console` handles, not a crash.
    static func main() async {
        Console.ignoreBrokenPipes()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as CommandFailure {
            failure.report()
            exit(withError: failure.status.code)
        } catch {
            exit(withError: error)
        }
    }

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Headless: process every pending cancel request once, then exit.")
    var auto = false

    @Option(help: "With --auto: requests processed at once (default: the configuration's, else 8).")
    var concurrency: Int?

    @Flag(help: "With --auto: check and report only; change and record nothing.")
    var dryRun = false

    @Option(help: "With --auto: process at most N requests.")
    var limit: Int?

    @Option(help: "With --auto: keep polling every SECONDS until SIGINT/SIGTERM.")
    var watch: Int?

    @Option(help: "With --auto: serve /metrics, /healthz and /readyz on HOST:PORT (:PORT is 127.0.0.1; port 0: any).")
    var admin: String?

    /// `--admin`, parsed (``validate()`` refused a value that does not parse).
    var adminAddress: AdminAddress? {
        get throws { try admin.map(AdminAddress.init(parsing:)) }
    }

    func validate() throws {
        if !auto && (concurrency != nil || dryRun || limit != nil || watch != nil || admin != nil) {
            throw ValidationError("--concurrency, --dry-run, --limit, --watch and --admin need --auto")
        }
        do {
            _ = try adminAddress
        } catch {
            throw ValidationError("\(error)")
        }
        if let concurrency, !(1...256).contains(concurrency) { throw ValidationError("--concurrency must be 1…256") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        if let watch, watch < 1 { throw ValidationError("--watch must be at least 1 second") }
    }

    func run() async throws {
        guard auto else {
            throw try await ConsoleRun.run(global).code
        }
        let admin = try adminAddress
        // Metrics bind to the backend when they are made: bootstrap before anything (the limiters' gauges) is.
        if admin != nil { _ = OpsMetrics.bootstrap() }
        let status: ExitStatus
        do {
            status = try await AppEnvironment.with(global, mode: .auto, concurrency: concurrency) { app in
                try await AutoRun(
                    app: app, concurrency: concurrency ?? app.configuration.concurrency, limit: limit, dryRun: dryRun,
                    watch: watch, json: global.json, admin: admin
                ).run()
            }
        } catch let failure as CommandFailure {
            // Refused before the queue was read (configuration 78, credentials 77, Connect unreachable 69): the
            // JSON stream still ends with its summary line, all zeros, so a pipeline never waits for one.
            failure.report()
            if global.json { HeadlessReporter(json: true, profile: failure.profile).summary(RunSummary()) }
            throw failure.status.code
        }
        throw status.code
    }
}
