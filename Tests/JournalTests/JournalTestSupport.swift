import CancelDeskCore
import Foundation
import Journal
import Logging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A fresh directory under the system's temporary directory, removed (immutable flags cleared first) after `body`.
func withTemporaryDirectory<T>(_ body: (String) async throws -> T) async throws -> T {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("canceldesk-journal-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer {
        if let names = try? FileManager.default.subpathsOfDirectory(atPath: url.path) {
            for name in names { ReadOnlyFile.release(url.appendingPathComponent(name).path) }
        }
        _ = chmod(url.path, 0o700)
        try? FileManager.default.removeItem(at: url)
    }
    return try await body(url.path)
}

/// A journal entry with every audit field set (values chosen to survive a round trip exactly).
func sampleEntry(
    _ requestID: String, _ state: DecisionState, at seconds: Double = 1_763_712_000.125, host: String = "desk-01"
) -> JournalEntry {
    JournalEntry(
        requestID: requestID, state: state, at: Date(timeIntervalSince1970: seconds), mode: .auto,
        osUser: "operator", host: host, connectUser: "UR-123-456", subscriptionID: "SUB-\(requestID)",
        idempotencyKey: "cdk-\(requestID)-v1", vendorStatus: .cancelled,
        vendorMessage: "ok: \"quoted\" ünïcødé 🚀", connectOutcome: .status(.approved),
        reason: "line one\nline two; DROP TABLE x; --", templateID: "TL-001", owner: "box:42")
}

/// The permission bits (`st_mode & 0o7777`) of `path`, without following a final symbolic link.
func permissions(_ path: String) -> mode_t? {
    var info = stat()
    guard lstat(path, &info) == 0 else { return nil }
    return info.st_mode & 0o7777
}

/// A logger that keeps what it logs, for asserting on warnings.
func recordingLogger() -> (Logger, LogRecorder) {
    let recorder = LogRecorder()
    let logger = Logger(label: "journal-tests") { _ in RecordingLogHandler(recorder: recorder) }
    return (logger, recorder)
}

/// The lines a ``RecordingLogHandler`` received.
final class LogRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) {
        lock.withLock { lines.append(line) }
    }

    var messages: [String] {
        lock.withLock { lines }
    }
}

/// Sends every log event, with its level and metadata, to a ``LogRecorder``.
struct RecordingLogHandler: LogHandler {
    let recorder: LogRecorder
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let fields = (event.metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        recorder.append("\(event.level): \(event.message) \(fields.joined(separator: " "))")
    }
}

/// Makes a file read-only even for root: mode 0444, plus the immutable attribute when running as root.
enum ReadOnlyFile {
    /// Whether a read-only file can be made here (always as non-root; as root only with a working `chattr`).
    static let isSupported: Bool = {
        if geteuid() != 0 { return true }
        return FileManager.default.isExecutableFile(atPath: chattrPath)
    }()

    private static let chattrPath = "/usr/bin/chattr"

    /// Returns whether the file is now read-only for this process.
    @discardableResult
    static func make(_ path: String) -> Bool {
        guard chmod(path, 0o444) == 0 else { return false }
        if geteuid() == 0 {
            guard run(chattrPath, ["+i", path]) else { return false }
        }
        return access(path, W_OK) != 0
    }

    /// Clears the immutable attribute (when set) so that the file can be removed.
    static func release(_ path: String) {
        if geteuid() == 0, FileManager.default.isExecutableFile(atPath: chattrPath) {
            var info = stat()
            if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG {
                _ = run(chattrPath, ["-i", path])
            }
        }
    }

}

/// A small tmpfs mounted for one test, to fill the disk under a journal (root with mount rights only).
enum SmallFileSystem {
    /// Whether this process can mount a tmpfs (probed once with a throwaway mount).
    static let isAvailable: Bool = {
        guard geteuid() == 0 else { return false }
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("canceldesk-mount-\(UUID())").path
        guard (try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)) != nil
        else { return false }
        defer { try? FileManager.default.removeItem(atPath: probe) }
        guard mount(at: probe, kilobytes: 64) else { return false }
        unmount(probe)
        return true
    }()

    /// Mounts a tmpfs of `kilobytes` at `directory`; true on success.
    static func mount(at directory: String, kilobytes: Int) -> Bool {
        run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k,mode=0700", "tmpfs", directory])
    }

    /// Unmounts `directory` (lazily, so that a file still open cannot keep the mount).
    static func unmount(_ directory: String) {
        _ = run("/bin/umount", ["-l", directory])
    }

}

/// Runs a system tool quietly (chattr, mount, umount); true when it exited 0.
private func run(_ executable: String, _ arguments: [String]) -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    do {
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus == 0
    } catch {
        return false
    }
}
