import CancelDeskCore
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Every line canceldesk prints: results on stdout, messages on stderr.
///
/// Each line goes through ``SecretRedactor/redact(_:)`` first (no secret in any output). Writes are
/// plain `write(2)` calls that never trap: a closed stdout (`canceldesk --auto --json | head -1`) sets
/// ``stdoutClosed`` — `--auto` then starts nothing new and exits ``ExitStatus/ioError`` — and later lines are
/// dropped.
enum Console {
    private static let closed = Atomic<Bool>(false)

    /// True once a write to stdout failed (EPIPE or another error): the reader is gone.
    static var stdoutClosed: Bool { closed.load(ordering: .acquiring) }

    /// Makes a write to a closed pipe an EPIPE error instead of a fatal SIGPIPE, so that it can be handled.
    static func ignoreBrokenPipes() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// A message line on stderr, redacted.
    static func error(_ text: String) {
        let line = SecretRedactor.redact(text)
        _ = write(2, line.hasSuffix("\n") ? line : line + "\n")
    }

    /// A result line on stdout, redacted; false when stdout is closed (the line was not written).
    @discardableResult
    static func out(_ text: String) -> Bool {
        writeOut(SecretRedactor.redact(text) + "\n")
    }

    /// Text written as it is, unredacted: only for what must be printed verbatim (the sandbox's own endpoints and
    /// public demo key).
    static func verbatim(_ text: String, toError: Bool = false) {
        if toError { _ = write(2, text) } else { _ = writeOut(text) }
    }

    private static func writeOut(_ text: String) -> Bool {
        guard !stdoutClosed else { return false }
        if write(1, text) { return true }
        closed.store(true, ordering: .releasing)
        return false
    }

    /// Writes all of `text` to `descriptor`; false on any error (EINTR is retried).
    private static func write(_ descriptor: Int32, _ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            bytes = bytes.dropFirst(written)
        }
        return true
    }
}
