internal import Foundation

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// Waits for one child's exit on a dedicated thread (`waitpid`), never on a cooperative-pool thread, and signals
/// its process group on request.
final class ExitWatcher: @unchecked Sendable {
    let pid: pid_t
    /// Raised once the child has exited and been reaped.
    let exited = OneShotSignal()
    // State guarded by `lock`.
    private let lock = NSLock()
    private var waitStatus: Int32?

    init(pid: pid_t) {
        self.pid = pid
        let thread = Thread { [self] in
            var status: Int32 = 0
            var result: pid_t
            repeat {
                result = waitpid(pid, &status, 0)
            } while result == -1 && errno == EINTR
            let reaped: Int32? = result == pid ? status : nil
            lock.withLock { waitStatus = reaped }
            exited.signal()
        }
        thread.name = "canceldesk.vendor-command.wait"
        thread.start()
    }

    /// How the child ended, once ``exited`` is raised; nil before, or when the status was lost (another part of
    /// the program reaped the child).
    var ending: ChildProcessResult.Ending? {
        guard let status = lock.withLock({ waitStatus }) else { return nil }
        let low = status & 0x7F
        if low == 0 { return .exited((status >> 8) & 0xFF) }
        return .signalled(low)
    }

    /// Sends `signal` to the child's process group: the command and whatever it started.
    func signalGroup(_ signal: Int32) {
        _ = kill(-pid, signal)
    }
}
