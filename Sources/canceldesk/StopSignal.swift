import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// SIGINT/SIGTERM as a flag: take nothing new, let in-flight requests finish (for the grace period `--auto` allows).
final class StopSignal: Sendable {
    private let stopped = Mutex(false)
    /// Kept alive for the process's life; only touched in ``listen()``.
    nonisolated(unsafe) private var sources: [any DispatchSourceSignal] = []

    /// A flag that SIGINT and SIGTERM set from now on.
    static func listen() -> StopSignal {
        let signal = StopSignal()
        for number in [SIGINT, SIGTERM] {
            Glibc.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                signal.stopped.withLock { $0 = true }
                Console.error("canceldesk: stopping: finishing requests in flight")
            }
            source.resume()
            signal.sources.append(source)
        }
        return signal
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
