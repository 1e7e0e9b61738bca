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
        // One request's history also shows its Connect conversation (what the team wrote, canceldesk's notes).
        var messages: [ConversationMessage] = []
        if let id, !global.demo { messages = await Self.conversation(of: id, global) }
        for item in HistoryItem.merged(entries, messages) {
            switch item {
            case .journal(let entry):
                try ListCommand.write(
                    global.json ? encoder.encode(.history, RequestJSON.history(entry)) : Self.line(entry))
            case .message(let message):
                try ListCommand.write(
                    global.json
                        ? encoder.encode(.conversation, Self.fields(message, request: id ?? ""))
                        : Self.line(message, request: id ?? ""))
            }
        }
        if !global.json {
            Console.error(
                "\(entries.count) journal entr\(entries.count == 1 ? "y" : "ies") in \(path)"
                    + (profile.map { " (profile \($0))" } ?? ""))
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

    /// `private`, `message`, `state_change` or Connect's own word.
    static func kind(_ message: ConversationMessage) -> String {
        switch message.kind {
        case .message: "message"
        case .privateNote: "private"
        case .stateChange: "state_change"
        case .unknown(let other): other
        }
    }

    static func line(_ message: ConversationMessage, request: String) -> String {
        let at = message.created.map { ISO8601DateFormatter().string(from: $0) } ?? "-"
        let text = message.text.split(whereSeparator: \.isNewline).joined(separator: " | ")
        return [
            at, request, "conversation".padding(toLength: 16, withPad: " ", startingAt: 0),
            "\(kind(message)) by \(message.creator.isEmpty ? "?" : message.creator)", text,
        ].map { TextSanitizer.clean(SecretRedactor.redact($0), limit: 2_000) }.joined(separator: "  ")
    }

    /// The `conversation` line's fields, raw (JSON escaping is the safety; secrets are masked by ``JSONLine``).
    static func fields(_ message: ConversationMessage, request: String) -> [String: Any] {
        [
            "request": request, "id": message.id,
            "at": message.created.map { ISO8601DateFormatter().string(from: $0) } ?? "", "kind": kind(message),
            "creator": message.creator, "text": message.text,
        ]
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
