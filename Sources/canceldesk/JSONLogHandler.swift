import CancelDeskCore
import Foundation
import Logging

/// Logs to stderr as one JSON object per line (`--log-format json`), for log shippers.
///
/// Fields: `ts` (ISO 8601), `level`, `label`, `message`, `error` (when the event carries one), and each metadata
/// value as a string field. Every string — keys included — is redacted (``SecretRedactor``) and sanitized
/// (``TextSanitizer``) before it is encoded, and the encoder escapes what is left, so a line never carries a raw
/// control character or a registered secret.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    /// The fields every line has; a metadata key with one of these names (or `error`, when the event carries an
    /// error) is written as `meta_<name>`.
    static let reservedKeys: Set<String> = ["ts", "level", "label", "message"]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        Console.error(Self.line(label: label, event: event, metadata: metadata))
    }

    /// The event as one line of JSON (sorted keys), redacted and sanitized.
    static func line(
        label: String, event: LogEvent, metadata: Logger.Metadata, date: Date = Date()
    ) -> String {
        var object: [String: String] = [
            "ts": ISO8601DateFormatter().string(from: date), "level": event.level.rawValue, "label": clean(label),
            "message": clean("\(event.message)"),
        ]
        if let error = event.error { object["error"] = clean("\(error)") }
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        for (key, value) in merged {
            let name = clean(key)
            let taken = reservedKeys.contains(name) || (name == "error" && event.error != nil)
            object[taken ? "meta_" + name : name] = clean("\(value)")
        }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else {
            return #"{"level":"error","message":"a log line could not be encoded"}"#
        }
        return String(decoding: data, as: UTF8.self)
    }

    private static func clean(_ text: String) -> String {
        TextSanitizer.clean(SecretRedactor.redact(text), limit: 2_000)
    }
}
