import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// SIGINT/SIGTERM as a flag: take nothing new, let in-flight requests finish.
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
                FileHandle.standardError.write(Data("canceldesk: stopping: finishing requests in flight\n".utf8))
            }
            source.resume()
            signal.sources.append(source)
        }
        return signal
    }

    var isStopped: Bool { stopped.withLock { $0 } }
}
