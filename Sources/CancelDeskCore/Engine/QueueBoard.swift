import Synchronization

/// One pass's work list, shared by its workers: its items in order, vendor retries put aside until they are
/// due, vendor refusals held until the pass knows the vendor answers honestly (``RefusalWatch``), the running
/// summary, and whether new requests may still start.
///
/// New requests stop starting once `shouldStop` says so, a result makes going on pointless (credentials refused,
/// journal failure), or the ``CircuitBreaker`` opened; requests already started, deferred retries among them, always
/// run to their end.
final class QueueBoard: Sendable {
    /// What a worker gets when it asks for work.
    enum Take: Sendable, Equatable {
        /// Start this item.
        case start(WorkItem)
        /// Run this deferred vendor retry (it is due).
        case resume(DeferredRetry)
        /// Do not run this deferred vendor retry: the circuit breaker is open. Report it as not finished; its journal
        /// row lets the next pass resume it with the same key.
        case park(DeferredRetry)
        /// Settle this held vendor refusal: the vendor answers honestly, or the pass ends without a fault.
        case settle(HeldRefusal)
        /// Do not settle this held refusal: every vendor call of the pass was refused alike (a configuration
        /// fault). Report it as not finished; its `vendor_sending` row lets the next pass call the vendor again.
        case abandon(HeldRefusal)
        /// Nothing now; ask again at this time (a retry comes due, or a running request may still defer one).
        case wait(until: Duration)
        /// Nothing is left and nothing runs: the worker may end.
        case done
    }

    private struct State {
        var items: [WorkItem]
        var next = 0
        /// Items taken (read ahead) and handed back unstarted.
        var handedBack: [WorkItem] = []
        /// Why new items stopped starting, once they did.
        var stopReason: String?
        var deferred: [DeferredRetry] = []
        var held: [HeldRefusal] = []
        var watch = RefusalWatch()
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
    ///   - watch: what earlier phases of the same pass learned about the vendor's refusals.
    init(
        items: [WorkItem], summary: RunSummary, watch: RefusalWatch = RefusalWatch(),
        shouldStop: @escaping @Sendable () -> Bool, onStop: @escaping @Sendable (String) -> Void
    ) {
        var initial = State(items: items)
        initial.summary = summary
        initial.watch = watch
        state = Mutex(initial)
        self.shouldStop = shouldStop
        self.onStop = onStop
    }

    /// The next piece of work at `now`: a due retry first (it was started earlier), then the next new request.
    func take(now: Duration) -> Take {
        var reported: String?
        let take = state.withLock { state -> Take in
            if state.watch.honest, !state.held.isEmpty {
                state.running += 1
                return .settle(state.held.removeFirst())
            }
            if state.breaker.isOpen, !state.deferred.isEmpty {
                state.running += 1
                return .park(state.deferred.removeFirst())
            }
            if let index = Self.earliestDue(state.deferred, now: now) {
                state.running += 1
                return .resume(state.deferred.remove(at: index))
            }
            if state.next < state.items.count, !state.stopped {
                if let reason = stopReason(state) {
                    state.stopped = true
                    state.stopReason = reason
                    reported = reason
                } else {
                    state.running += 1
                    state.next += 1
                    return .start(state.items[state.next - 1])
                }
            }
            if let due = state.deferred.map(\.due).min() {
                return .wait(until: state.running > 0 ? min(due, now + Self.idlePoll) : due)
            }
            if state.running > 0 { return .wait(until: now + Self.idlePoll) }
            guard !state.held.isEmpty else { return .done }
            // The pass is over: a refusal all alike is a configuration fault, anything else is settled as it is.
            state.running += 1
            if let fault = state.watch.fault {
                state.summary.configurationFault = RefusalWatch.describe(fault)
                return .abandon(state.held.removeFirst())
            }
            return .settle(state.held.removeFirst())
        }
        if let reported { onStop(reported) }
        return take
    }

    /// Whether a request taken earlier (read ahead) may start now; when not, it is handed back as never started.
    func mayStart(_ take: Take) -> Bool {
        guard case .start(let item) = take else { return true }
        var reported: String?
        let allowed = state.withLock { state -> Bool in
            if !state.stopped, let reason = stopReason(state, handedBack: 1) {
                state.stopped = true
                state.stopReason = reason
                reported = reason
            }
            if state.stopped {
                state.running -= 1
                state.handedBack.append(item)
            }
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

    /// A request's vendor refusal is held until the pass knows whether to settle it.
    func held(_ refusal: HeldRefusal) {
        state.withLock { state in
            state.running -= 1
            state.held.append(refusal)
            if let signature = RefusalWatch.Signature(refusal.outcome) { state.watch.refused(signature) }
        }
    }

    /// Every vendor answer the pass uses (refusals are counted when held).
    func vendorAnswered(_ outcome: VendorOutcome) {
        guard case .cancelled = outcome else { return }
        state.withLock { $0.watch.cancelled() }
    }

    /// A taken request that will not start (the worker stops): handed back as never started.
    func handBack(_ take: Take) {
        guard case .start(let item) = take else { return }
        state.withLock { state in
            state.running -= 1
            state.handedBack.append(item)
        }
    }

    /// Stops new requests from starting, with `reason` (reported once).
    func stop(_ reason: String) {
        let first = state.withLock { state -> Bool in
            defer { state.stopped = true }
            if !state.stopped { state.stopReason = reason }
            return !state.stopped
        }
        if first { onStop(reason) }
    }

    /// The items never started in this pass (never handed out, or handed back), in list order, and why new items
    /// stopped starting.
    var notStarted: (items: [WorkItem], reason: String) {
        state.withLock { state in
            (state.handedBack + state.items[state.next...], state.stopReason ?? "")
        }
    }

    /// Removes every retry put aside and every refusal held: the pass is cancelled and none of them will run.
    func takeLeftovers() -> (retries: [DeferredRetry], refusals: [HeldRefusal]) {
        state.withLock { state in
            defer {
                state.deferred = []
                state.held = []
            }
            return (state.deferred, state.held)
        }
    }

    /// Adds the result of a request that was not handed out (a leftover reported by a stopping worker).
    func report(_ result: RequestResult) {
        state.withLock { $0.summary.add(result) }
    }

    /// What the pass learned about the vendor's refusals (carried to the next phase of the pass).
    var watch: RefusalWatch { state.withLock { $0.watch } }

    /// The results so far.
    var summary: RunSummary { state.withLock { $0.summary } }

    /// Why no new request may start, if so; `handedBack` counts a taken request that is given back unstarted.
    private func stopReason(_ state: State, handedBack: Int = 0) -> String? {
        if shouldStop() { return "stop requested" }
        if state.summary.unauthorized || state.summary.failedOnJournal { return "a failure makes going on pointless" }
        if let fault = state.watch.fault {
            let left = state.items.count - state.next + handedBack
            return RefusalWatch.describe(fault) + ": \(left) request(s) left pending for the next pass"
        }
        if let service = state.breaker.openedBy {
            let left = state.items.count - state.next + handedBack
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
