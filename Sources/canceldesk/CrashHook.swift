import CancelDeskCore
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Test-only crash injection: `CANCELDESK_CRASH_AT=<point>` (see ``CrashPoint``) kills the process with SIGKILL
/// the Nth time that point is reached (`CANCELDESK_CRASH_AFTER=N`, default 1). Unset: a no-op.
enum CrashHook {
    static func fromEnvironment() -> @Sendable (CrashPoint) -> Void {
        let environment = ProcessInfo.processInfo.environment
        guard let name = environment["CANCELDESK_CRASH_AT"], let point = CrashPoint(rawValue: name) else {
            return { _ in }
        }
        let after = environment["CANCELDESK_CRASH_AFTER"].flatMap(Int.init) ?? 1
        let hits = Mutex(0)
        return { reached in
            guard reached == point else { return }
            let count = hits.withLock { value in
                value += 1
                return value
            }
            if count >= after { kill(getpid(), SIGKILL) }
        }
    }
}
