import ArgumentParser
import CancelDeskCore
import Foundation

/// `canceldesk approve ID`: cancel at the vendor, then approve in Connect, through the engine.
struct ApproveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve", abstract: "Cancel the subscription at the vendor, then approve the request.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The request id (PR-…).") var id: String

    func run() async throws {
        throw ExitCode(try await Decide.run(global, id: id, decision: .approve))
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
        throw ExitCode(try await Decide.run(global, id: id, decision: .reject(reason: reason)))
    }
}

enum Decide {
    static func run(_ global: GlobalOptions, id: String, decision: Decision) async throws -> Int32 {
        let json = global.json
        return try await AppEnvironment.with(global, mode: .cli) { app in
            if app.readOnly {
                Console.error("canceldesk: --read-only: \(id) was not changed")
                return 64
            }
            let reporter = HeadlessReporter(json: json)
            // A work list of one on the engine's one runner (the console's and `--auto`'s too).
            let summary = await app.engine(events: reporter.report).run(
                [WorkItem(requestID: id, decision: decision)], options: QueueOptions(concurrency: 1, readAhead: nil),
                shouldStop: { false })
            return summary.exitCode
        }
    }
}
