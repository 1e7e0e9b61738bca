import Synchronization

/// One pass's work list, shared by its workers: the snapshot's ids in order, vendor retries put aside until they are
/// due, the running summary, and whether new requests may still start.
///
/// New requests stop starting once `shouldStop` says so, a result makes going on pointless (credentials refused,
/// journal failure), or the ``CircuitBreaker`` opened; requests already started, deferred retries among them, always
/// run to their end.
final class QueueBoard: Sendable {
    /// What a worker gets when it asks for work.
    enum Take: Sendable, Equatable {
        /// Start this request.
        case start(String)
        /// Run this deferred vendor retry (it is due).
        case resume(DeferredRetry)
        /// Do not run this deferred vendor retry: the circuit breaker is open. Report it as not finished; its journal
        /// row lets the next pass resume it with the same key.
        case park(DeferredRetry)
        /// Nothing now; ask again at this time (a retry comes due, or a running request may still defer one).
        case wait(until: Duration)
        /// Nothing is left and nothing runs: the worker may end.
        case done
    }

    private struct State {
        var ids: [String]
        var next = 0
        var deferred: [DeferredRetry] = []
        /// Requests handed out and not yet finished or deferred.
        var running = 0
        var summary = RunSummary()
        var stopped = false
        /// Ends the pass early (no new request starts) when Connect or the vendor looks down.
        var breaker = CircuitBreaker()
    }

    /// How long an idle worker waits before asking again while other requests run.
    static let idlePoll: Duration = .milliseconds(20)

    private let state: Mutex<State>
    private let shouldStop: @Sendable () -> Bool
    private let onStop: @Sendable (String) -> Void

    /// - Parameters:
    ///   - onStop: called once, with the reason, when new requests stop starting.
    init(
        ids: [String], summary: RunSummary, shouldStop: @escaping @Sendable () -> Bool,
        onStop: @escaping @Sendable (String) -> Void
    ) {
        var initial = State(ids: ids)
        initial.summary = summary
        state = Mutex(initial)
        self.shouldStop = shouldStop
        self.onStop = onStop
    }

    /// The next piece of work at `now`: a due retry first (it was started earlier), then the next new request.
    func take(now: Duration) -> Take {
        var reported: String?
        let take = state.withLock { state -> Take in
            if state.breaker.isOpen, !state.deferred.isEmpty {
                state.running += 1
                return .park(state.deferred.removeFirst())
            }
            if let index = Self.earliestDue(state.deferred, now: now) {
                state.running += 1
                return .resume(state.deferred.remove(at: index))
            }
            if state.next < state.ids.count, !state.stopped {
                if let reason = stopReason(state) {
                    state.stopped = true
                    reported = reason
                } else {
                    state.running += 1
                    state.next += 1
                    return .start(state.ids[state.next - 1])
                }
            }
            if let due = state.deferred.map(\.due).min() {
                return .wait(until: state.running > 0 ? min(due, now + Self.idlePoll) : due)
            }
            return state.running > 0 ? .wait(until: now + Self.idlePoll) : .done
        }
        if let reported { onStop(reported) }
        return take
    }

    /// Whether a request taken earlier (read ahead) may start now; when not, it is handed back as never started.
    func mayStart(_ take: Take) -> Bool {
        guard case .start = take else { return true }
        var reported: String?
        let allowed = state.withLock { state -> Bool in
            if !state.stopped, let reason = stopReason(state, handedBack: 1) {
                state.stopped = true
                reported = reason
            }
            if state.stopped { state.running -= 1 }
            return !state.stopped
        }
        if let reported { onStop(reported) }
        return allowed
    }

    /// A request ended for this pass.
    func finished(_ result: RequestResult) {
        state.withLock { state in
            state.running -= 1
            state.summary.add(result)
            if let service = state.breaker.record(result) { state.summary.circuitOpenedBy = service }
        }
    }

    /// A request put its vendor retry aside until `retry.due`.
    func deferred(_ retry: DeferredRetry) {
        state.withLock { state in
            state.running -= 1
            state.deferred.append(retry)
            // Its vendor call failed a third time: a sign of an outage, unlike a transient answer or two (a burst
            // of 429s or a 5 % error rate must not stop the queue; the faults suite runs 20 % 5xx plus 429 bursts).
            if retry.attempts >= 3, let service = state.breaker.record(.vendor, failed: true) {
                state.summary.circuitOpenedBy = service
            }
        }
    }

    /// The results so far.
    var summary: RunSummary { state.withLock { $0.summary } }

    /// Why no new request may start, if so; `handedBack` counts a taken request that is given back unstarted.
    private func stopReason(_ state: State, handedBack: Int = 0) -> String? {
        if shouldStop() { return "stop requested" }
        if state.summary.unauthorized || state.summary.failedOnJournal { return "a failure makes going on pointless" }
        if let service = state.breaker.openedBy {
            let left = state.ids.count - state.next + handedBack
            return CircuitBreaker.outage(service) + ": \(left) request(s) left pending for the next pass"
        }
        return nil
    }

    private static func earliestDue(_ deferred: [DeferredRetry], now: Duration) -> Int? {
        var best: Int?
        for index in deferred.indices where deferred[index].due <= now {
            if best.map({ deferred[index].due < deferred[$0].due }) ?? true { best = index }
        }
        return best
    }
}
