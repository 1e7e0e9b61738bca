import CancelDeskCore
import Foundation
import Logging
import Synchronization

/// Logs to a file while curses owns the terminal (`$XDG_STATE_HOME/canceldesk/console.log`, mode 0600).
struct FileLogHandler: LogHandler {
    let label: String
    let file: LogFile
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        // Message and metadata redacted and sanitized, like every other output.
        file.append(StderrLogHandler.line(label: label, event: event, metadata: metadata))
    }

    /// A logger writing to the console log; a no-op logger when the file cannot be opened.
    static func logger(_ environment: [String: String]) -> Logger {
        guard let state = XDGPaths.stateDirectory(environment), let file = LogFile(path: state + "/console.log") else {
            return Logger(label: "canceldesk") { _ in SwiftLogNoOpLogHandler() }
        }
        var logger = Logger(label: "canceldesk") { FileLogHandler(label: $0, file: file) }
        logger.logLevel = environment["CANCELDESK_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        return logger
    }
}

/// An append-only log file shared by every handler.
final class LogFile: Sendable {
    private let handle: Mutex<FileHandle>

    init?(path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            else { return nil }
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { return nil }
        _ = try? handle.seekToEnd()
        self.handle = Mutex(handle)
    }

    func append(_ line: String) {
        handle.withLock { try? $0.write(contentsOf: Data((line + "\n").utf8)) }
    }
}
