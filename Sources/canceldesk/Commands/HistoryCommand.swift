import ArgumentParser
import CancelDeskCore
import Foundation
import Journal

/// `canceldesk history [ID]`: what was decided, by whom, with which vendor and Connect outcome.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show the journal: every step of every decision (with ID, also the request's Connect conversation).")

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
        // One request's history also shows its Connect conversation (what the team wrote, canceldesk's notes).
        var messages: [ConversationMessage] = []
        if let id, !global.demo { messages = await Self.conversation(of: id, global) }
        for item in HistoryItem.merged(entries, messages) {
            let text: String
            switch item {
            case .journal(let entry): text = global.json ? Self.json(entry) : Self.line(entry)
            case .message(let message):
                text = global.json ? Self.json(message, request: id ?? "") : Self.line(message, request: id ?? "")
            }
            guard Console.out(text) else { throw ExitCode(Console.closedOutputExitCode) }
        }
        if !global.json {
            Console.error("\(entries.count) journal entr\(entries.count == 1 ? "y" : "ies") in \(path)")
            if id != nil && !global.demo { Console.error("\(messages.count) conversation message(s) in Connect") }
        }
    }

    /// The request's conversation messages from Connect; none (and a note on stderr) when Connect cannot be read.
    static func conversation(of id: String, _ global: GlobalOptions) async -> [ConversationMessage] {
        do {
            return try await AppEnvironment.with(global, mode: .cli) { app in
                try await app.requests.conversationMessages(requestID: id)
            }
        } catch {
            let why = (error as? ServiceError)?.description ?? "Connect could not be read"
            Console.error("canceldesk: conversation not shown: \(TextSanitizer.clean(why, limit: 300))")
            return []
        }
    }

    static func line(_ message: ConversationMessage, request: String) -> String {
        let at = message.created.map { ISO8601DateFormatter().string(from: $0) } ?? "-"
        let kind =
            switch message.kind {
            case .message: "message"
            case .privateNote: "private"
            case .stateChange: "state_change"
            case .unknown(let other): other
            }
        let text = message.text.split(whereSeparator: \.isNewline).joined(separator: " | ")
        return [at, request, "conversation".padding(toLength: 16, withPad: " ", startingAt: 0),
            "\(kind) by \(message.creator.isEmpty ? "?" : message.creator)", text]
            .map { TextSanitizer.clean(SecretRedactor.redact($0), limit: 2_000) }.joined(separator: "  ")
    }

    static func json(_ message: ConversationMessage, request: String) -> String {
        let kind =
            switch message.kind {
            case .message: "message"
            case .privateNote: "private"
            case .stateChange: "state_change"
            case .unknown(let other): other
            }
        let object: [String: Any] = [
            "event": "conversation", "request": request, "id": message.id,
            "at": message.created.map { ISO8601DateFormatter().string(from: $0) } ?? "", "type": kind,
            "creator": message.creator, "text": message.text,
        ]
        return JSONLine.encode(object)
    }

    static func line(_ entry: JournalEntry) -> String {
        var parts = [
            ISO8601DateFormatter().string(from: entry.at), entry.requestID,
            entry.state.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0),
            "by \(entry.osUser)@\(entry.host) (\(entry.mode.rawValue), \(entry.connectUser))",
        ]
        if !entry.subscriptionID.isEmpty { parts.append("subscription \(entry.subscriptionID)") }
        if !entry.vendorStatus.isEmpty { parts.append("vendor \(entry.vendorStatus)") }
        if !entry.vendorMessage.isEmpty { parts.append("\"\(entry.vendorMessage)\"") }
        if !entry.connectOutcome.isEmpty { parts.append("connect \(entry.connectOutcome)") }
        if !entry.reason.isEmpty { parts.append("reason: \(entry.reason)") }
        return parts.map { TextSanitizer.clean($0) }.joined(separator: "  ")
    }

    static func json(_ entry: JournalEntry) -> String {
        let object: [String: Any] = [
            "event": "history", "request": entry.requestID, "state": entry.state.rawValue,
            "at": ISO8601DateFormatter().string(from: entry.at), "mode": entry.mode.rawValue, "os_user": entry.osUser,
            "host": entry.host, "connect_user": entry.connectUser, "subscription": entry.subscriptionID,
            "idempotency_key": entry.idempotencyKey, "vendor_status": entry.vendorStatus,
            "vendor_message": entry.vendorMessage, "connect_outcome": entry.connectOutcome, "reason": entry.reason,
            "template": entry.templateID,
        ]
        return JSONLine.encode(object)
    }
}
