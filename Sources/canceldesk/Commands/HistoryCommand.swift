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

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let path =
            global.journal ?? (global.demo
                ? DemoSandbox.journalPath
                : ConfigurationLoader(environment: environment, explicitPath: global.config).journalPath())
        guard FileManager.default.fileExists(atPath: path) else {
            Console.error("canceldesk: no journal at \(path) yet" + (global.demo ? "" : " (the demo's is read with --demo)"))
            return
        }
        let journal: SQLiteJournal
        do {
            journal = try SQLiteJournal.open(path: path, logger: AppEnvironment.makeLogger(global.logFormat))
        } catch {
            Console.error("canceldesk: \(error)")
            throw ExitCode(78)
        }
        let entries = try await journal.history(requestID: id)
        for entry in entries {
            guard Console.out(global.json ? Self.json(entry) : Self.line(entry)) else {
                throw ExitCode(Console.closedOutputExitCode)
            }
        }
        if !global.json { Console.error("\(entries.count) journal entr\(entries.count == 1 ? "y" : "ies") in \(path)") }
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
        if !entry.reason.isEmpty { parts.append("reason: \(entry.reason)") }
        return parts.map { TextSanitizer.clean($0) }.joined(separator: "  ")
    }

    static func json(_ entry: JournalEntry) -> String {
        let object: [String: Any] = [
            "event": "history", "request": entry.requestID, "state": entry.state.rawValue,
            "at": ISO8601DateFormatter().string(from: entry.at), "mode": entry.mode.rawValue, "os_user": entry.osUser,
            "host": entry.host, "connect_user": entry.connectUser, "subscription": entry.subscriptionID,
            "idempotency_key": entry.idempotencyKey, "vendor_status": entry.vendorStatus?.rawValue ?? "",
            "vendor_message": entry.vendorMessage, "connect_outcome": entry.connectOutcome?.rawValue ?? "",
            "reason": entry.reason,
            "template": entry.templateID,
        ]
        return JSONLine.encode(object)
    }
}
