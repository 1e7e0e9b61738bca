import ArgumentParser
import CancelDeskCore
import Foundation
import Synchronization

/// `canceldesk approve ID`: cancel at the vendor, then approve in Connect, through the engine.
struct ApproveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve", abstract: "Cancel the subscription at the vendor, then approve the request.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The request id (PR-…).") var id: String

    func run() async throws {
        throw try await Decide.run(global, id: id, decision: .approve).code
    }
}

/// `canceldesk reject ID --reason TEXT`: fail the request in Connect with a reason; no vendor call.
struct RejectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reject", abstract: "Fail (reject) the request with a reason the customer sees.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The request id (PR-…).") var id: String
    @Option(help: "The reason shown to the customer.") var reason: String

    func validate() throws {
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ValidationError("--reason must not be empty")
        }
        guard reason.count <= 1_000 else { throw ValidationError("--reason is longer than 1000 characters") }
    }

    func run() async throws {
        throw try await Decide.run(global, id: id, decision: .reject(reason: reason)).code
    }
}

/// `approve` and `reject`: one decision through the engine, its `decision` line (text: one line), then the summary.
///
/// Exit status (``ExitStatus/init(decision:)``): 0 applied, 3 already decided, 66 unknown request, 1 not applied
/// (needs review, failed, skipped), 69/77/78 as for `--auto`.
enum Decide {
    static func run(_ global: GlobalOptions, id: String, decision: Decision) async throws -> ExitStatus {
        do {
            return try await decide(global, id: id, decision: decision)
        } catch let failure as CommandFailure {
            // Refused before the decision (configuration, credentials, Connect down, --read-only): the JSON stream
            // still ends with its summary line, all zeros.
            failure.report()
            if global.json { HeadlessReporter(json: true, profile: failure.profile).summary(RunSummary()) }
            return failure.status
        }
    }

    private static func decide(_ global: GlobalOptions, id: String, decision: Decision) async throws -> ExitStatus {
        let json = global.json
        if global.readOnly { throw global.failure(.usage, "--read-only: \(id) was not changed") }
        return try await AppEnvironment.with(global, mode: .cli) { app in
            if app.readOnly { throw global.failure(.usage, "--read-only: \(id) was not changed") }
            let reporter = HeadlessReporter(json: json, profile: app.profile)
            let outcome = Mutex<RequestResult?>(nil)
            // A work list of one on the engine's one runner (the console's and `--auto`'s too).
            let engine = app.engine { event in
                if case .finished(let result) = event, result.requestID == id { outcome.withLock { $0 = result } }
                reporter.report(event)
            }
            let summary = await engine.run(
                [WorkItem(requestID: id, decision: decision)], options: QueueOptions(concurrency: 1, readAhead: nil),
                shouldStop: { false })
            reporter.summary(summary)
            if Console.stdoutClosed { return .ioError }
            return outcome.withLock { $0 }.map { ExitStatus(decision: $0) } ?? ExitStatus(summary: summary)
        }
    }
}
