internal import Synchronization

/// One drain of an outbox at a time in this process: concurrent drains would post the same note twice. A drain
/// asked for while another runs is not started; the running one goes round once more instead (coalescing).
final class AuditDrainGate: Sendable {
    private struct State {
        /// Per outbox (its object identity): whether a drain runs, and whether another was asked for meanwhile.
        var running: [ObjectIdentifier: Bool] = [:]
    }

    private let state = Mutex(State())

    /// The gate of every engine in this process.
    static let shared = AuditDrainGate()

    /// True when the caller may drain `outbox` now; false when a drain of it runs (it will go round again).
    func enter(_ outbox: ObjectIdentifier) -> Bool {
        state.withLock { state in
            if state.running[outbox] != nil {
                state.running[outbox] = true
                return false
            }
            state.running[outbox] = false
            return true
        }
    }

    /// After a round: true when another drain was asked for meanwhile (the caller goes round again, still
    /// holding the gate); false when the gate is released.
    func leave(_ outbox: ObjectIdentifier, mayRepeat: Bool) -> Bool {
        state.withLock { state in
            if mayRepeat, state.running[outbox] == true {
                state.running[outbox] = false
                return true
            }
            state.running[outbox] = nil
            return false
        }
    }
}
