import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The stop flag of `--auto`: take nothing new, let in-flight requests finish (for the grace period `--auto`
/// allows). Set by a graceful shutdown of the service group (SIGTERM/SIGINT), or when the pass loop ends; a closed
/// stdout counts as a stop too.
final class StopSignal: Sendable {
    private let stopped = Mutex(false)

    init() {}

    /// Makes SIGINT and SIGTERM no longer end the process by default, before the service group traps them: from
    /// now on they only ever start a graceful shutdown, which `--auto` bounds itself.
    static func ignoreTerminationSignals() {
        for number in [SIGINT, SIGTERM] { Glibc.signal(number, SIG_IGN) }
    }

    /// Asks to stop; true the first time only.
    @discardableResult
    func request() -> Bool {
        stopped.withLock { stopped in
            defer { stopped = true }
            return !stopped
        }
    }

    var isStopped: Bool { stopped.withLock { $0 } }

    /// True once a stop was asked for or stdout was closed under canceldesk: either way, start nothing new.
    var shouldStop: Bool { isStopped || Console.stdoutClosed }

    /// Returns once ``shouldStop`` is true, or when the calling task is cancelled.
    func waitForStop() async {
        while !shouldStop && !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(100))
        }
    }
}
