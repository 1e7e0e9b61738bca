import CancelDeskCore
import Foundation
import Logging

/// Logs to stderr, one line per event, with the message and every metadata value redacted
/// (``SecretRedactor``) and sanitized for the terminal.
struct StderrLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        Console.error(Self.line(label: label, event: event, metadata: metadata))
    }

    /// `TIMESTAMP LEVEL LABEL: MESSAGE key=value …`, redacted and sanitized.
    static func line(label: String, event: LogEvent, metadata: Logger.Metadata) -> String {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\(clean("\($0.value)"))" }
        let text =
            "\(ISO8601DateFormatter().string(from: Date())) \(event.level) \(label): \(clean("\(event.message)"))"
        return fields.isEmpty ? text : text + " " + fields.joined(separator: " ")
    }

    private static func clean(_ text: String) -> String {
        TextSanitizer.clean(SecretRedactor.redact(text), limit: 2_000)
    }
}
