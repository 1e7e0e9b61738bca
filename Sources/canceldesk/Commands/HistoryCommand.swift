import ArgumentParser
import CancelDeskCore
import Foundation
import Journal

/// `canceldesk history [ID]`: what was decided, by whom, with which vendor and Connect outcome.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Show the journal: every step of every decision.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Only this request.") var id: String?

    /// `--json`: one `history` line per journal entry. With an ID the journal has no entry for (or no journal at
    /// all): ``ExitStatus/noInput``.
    func run() async throws {
        let global = global
        let path: String
        do {
            path = try global.journal ?? (global.demo ? DemoSandbox.journalPath : global.loader.journalPath())
        } catch let error as ConfigurationError {
            throw global.failure(.config, "\(error)")
        }
        let profile = global.profileName
        guard FileManager.default.fileExists(atPath: path) else {
            let message = "no journal at \(path) yet" + (global.demo ? "" : " (the demo's is read with --demo)")
            if let id { throw global.failure(.noInput, "\(id): \(message)") }
            Console.error("canceldesk: \(message)")
            return
        }
        let journal: SQLiteJournal
        do {
            journal = try SQLiteJournal.open(path: path, logger: AppEnvironment.makeLogger(global.logFormat))
        } catch {
            throw global.failure(.config, "\(error)")
        }
        let entries = try await journal.history(requestID: id)
        if let id, entries.isEmpty { throw global.failure(.noInput, "\(id): nothing in the journal \(path)") }
        let encoder = JSONLine(profile: profile)
        for entry in entries {
            try ListCommand.write(global.json ? encoder.encode(.history, RequestJSON.history(entry)) : Self.line(entry))
        }
        if !global.json {
            Console.error(
                "\(entries.count) journal entr\(entries.count == 1 ? "y" : "ies") in \(path)"
                    + (profile.map { " (profile \($0))" } ?? ""))
        }
    }

    static func line(_ entry: JournalEntry) -> String {
        var parts = [
            ISO8601DateFormatter().string(from: entry.at), entry.requestID,
            entry.state.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0),
            "by \(entry.osUser)@\(entry.host) (\(entry.mode.rawValue), \(entry.connectUser))",
        ]
        if !entry.subscriptionID.isEmpty { parts.append("subscription \(entry.subscriptionID)") }
        if let status = entry.vendorStatus { parts.append("vendor \(status)") }
        if !entry.vendorMessage.isEmpty { parts.append("\"\(entry.vendorMessage)\"") }
        if let outcome = entry.connectOutcome { parts.append("connect \(outcome)") }
        if let cause = entry.reviewCause { parts.append("cause \(cause.rawValue)") }
        if !entry.reason.isEmpty { parts.append("reason: \(entry.reason)") }
        return parts.map { TextSanitizer.clean($0) }.joined(separator: "  ")
    }
}
