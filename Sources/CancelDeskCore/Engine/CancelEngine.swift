public import Foundation
public import Logging

/// The one engine behind every front end: runs a ``CancelSaga`` per request against the ports, records every
/// step in the journal, and reports progress as ``EngineEvent``s.
///
/// Every decision goes through one work-list runner, ``run(_:options:shouldStop:)``: the console's single and
/// bulk decisions, the CLI's `approve`/`reject`, and ``runQueue(_:shouldStop:)`` (`--auto`). Its results come back
/// as events only (``EngineEvent/finished(_:)``, ``EngineEvent/notStarted(requestIDs:reason:)``). The ports stay
/// inside Core: front ends read through ``request(id:)``, ``history(requestID:)`` and ``recentHistory(limit:)``.
public struct CancelEngine: Sendable {
    let requests: any RequestsAPI
    let vendor: any VendorAPI
    let journal: any DecisionJournal
    public let settings: EngineSettings
    public let identity: AuditIdentity
    let clock: MonotonicClock
    let wallClock: @Sendable () -> Date
    let random: @Sendable () -> Double
    let logger: Logger
    let events: @Sendable (EngineEvent) -> Void
    let crashHook: @Sendable (CrashPoint) -> Void
    let ownerIsAlive: @Sendable (String) -> Bool

    /// - Parameters:
    ///   - events: called for every event, from any task; must not block.
    ///   - crashHook: called at each ``CrashPoint``; production passes a no-op.
    ///   - ownerIsAlive: whether the process named by a journal row's `owner` still runs.
    public init(
        requests: any RequestsAPI, vendor: any VendorAPI, journal: any DecisionJournal, settings: EngineSettings,
        identity: AuditIdentity, clock: MonotonicClock = .continuous,
        wallClock: @escaping @Sendable () -> Date = Date.init,
        random: @escaping @Sendable () -> Double = { .random(in: 0...1) }, logger: Logger,
        events: @escaping @Sendable (EngineEvent) -> Void = { _ in },
        crashHook: @escaping @Sendable (CrashPoint) -> Void = { _ in },
        ownerIsAlive: @escaping @Sendable (String) -> Bool = { _ in false }
    ) {
        self.requests = requests
        self.vendor = vendor
        self.journal = journal
        self.settings = settings
        self.identity = identity
        self.clock = clock
        self.wallClock = wallClock
        self.random = random
        self.logger = logger
        self.events = events
        self.crashHook = crashHook
        self.ownerIsAlive = ownerIsAlive
    }

    /// Lists the queue (a snapshot taken before anything is acted on) and reports it.
    public func snapshot() async throws -> RequestSnapshot {
        let snapshot = try await requests.pendingCancelRequests(in: settings.scope)
        events(
            .snapshot(count: snapshot.requests.count, skipped: snapshot.skipped, reportedTotal: snapshot.reportedTotal))
        return snapshot
    }

    /// Takes one request through the saga alone (no queue: a vendor retry's wait is slept through), from where the
    /// journal left it, or from the start. Front ends use ``run(_:options:shouldStop:)``; this serves recovery
    /// tests.
    func process(requestID: String, decision: Decision, dryRun: Bool = false) async -> RequestResult {
        await process(requestID: requestID, decision: decision, dryRun: dryRun, expecting: nil)
    }

    /// Like ``process(requestID:decision:dryRun:)``, with the vendor subscription id the decision was built on
    /// (what the operator saw). When Connect's re-read shows another one, nothing remote is done: the request is
    /// recorded as needing review, with the change named.
    func process(
        requestID: String, decision: Decision, dryRun: Bool = false, expecting subscriptionID: String?
    ) async -> RequestResult {
        let end = await drive(
            requestID: requestID, decision: decision, dryRun: dryRun, expecting: subscriptionID, assist: RunAssist())
        switch end {
        case .finished(let result): return result
        case .deferred(let retry): return finish(unexpected(retry.requestID, "a vendor retry was deferred"))
        case .held(let held): return finish(unexpected(held.requestID, "a vendor refusal was held"))
        }
    }

    /// The saga runner behind ``process(requestID:decision:dryRun:)`` and the queue's workers; `assist` adds what
    /// the queue needs (a read made just before, deferring a vendor retry's wait, holding refusals, work alongside
    /// approve).
    func drive(
        requestID: String, decision: Decision, dryRun: Bool, expecting subscriptionID: String? = nil,
        assist: RunAssist
    ) async -> RunEnd {
        var saga = CancelSaga(
            requestID: requestID, decision: decision, settings: settings, identity: identity, dryRun: dryRun,
            expectedSubscriptionID: subscriptionID)
        if let retry = assist.retry {
            saga.carryVendorRetries(retry.attempts)
        } else {
            events(.started(requestID: requestID, decision: decision))
        }
        let action: CancelSaga.Action
        var assist = assist
        do {
            let current = try await journal.current(requestID: requestID)
            let alive =
                current.map { !$0.owner.isEmpty && $0.owner != identity.owner && ownerIsAlive($0.owner) } ?? false
            action = saga.start(journal: current, ownerAlive: alive)
            // A read made ahead stands in only for a request the journal knows nothing of: once a row exists
            // (another process decided it meanwhile, or a final row is reconciled), the request is read afresh — a
            // read taken before that decision would show it still pending and have it approved twice.
            if current != nil { assist.prefetched = nil }
        } catch {
            return .finished(finish(journalFailure(requestID, error)))
        }
        return await carry(
            saga, from: action, vendorStarted: assist.retry?.firstAttempt, vendorAttempts: assist.retry?.attempts ?? 0,
            assist: assist)
    }

    /// Settles a refusal held by a queue pass: the saga goes on as if the vendor had just answered.
    func settle(_ held: HeldRefusal, assist: RunAssist) async -> RunEnd {
        var saga = held.saga
        let action = saga.vendorAnswered(held.outcome, elapsed: held.elapsed, unit: random())
        return await carry(
            saga, from: action, vendorStarted: held.vendorStarted, vendorAttempts: held.vendorAttempts, assist: assist)
    }

    /// Carries out the saga's actions until it finishes, defers a vendor retry or holds a refusal.
    ///
    /// Cancellation-safe: once the task is cancelled no remote step starts (the request ends `failed`, cause
    /// ``RequestResult/Cause/stopped``, its journal row left as it is for the next run), and an answer to a call
    /// cut short by the cancellation is never retried in this run nor taken as a refusal.
    private func carry(
        _ start: CancelSaga, from first: CancelSaga.Action, vendorStarted: Duration?, vendorAttempts: Int,
        assist: RunAssist
    ) async -> RunEnd {
        var saga = start
        var action = first
        let requestID = saga.requestID
        var prefetched = assist.prefetched
        var vendorStarted = vendorStarted
        var vendorAttempts = vendorAttempts
        while true {
            if let step = action.remoteStep, Task.isCancelled {
                return .finished(finish(stopped(requestID, "before \(step)")))
            }
            switch action {
            case .readRequest:
                // A read-ahead stands in for this read only while it is fresh (see `PrefetchedRead.isFresh`).
                if let read = prefetched.take(), read.isFresh(now: clock.now(), maxAge: assist.maxReadAge) {
                    action = saga.requestRead(read.request)
                    continue
                }
                do {
                    action = saga.requestRead(try await requests.request(id: requestID))
                } catch {
                    if Task.isCancelled { return .finished(finish(stopped(requestID, "while reading the request"))) }
                    action = saga.requestReadFailed(Self.serviceError(error))
                }
            case .claim(let entry):
                do {
                    let won = try await journal.recordIfUnclaimed(stamped(entry))
                    if won { events(.recorded(requestID: requestID, state: entry.state)) }
                    crashHook(.afterIntent)
                    action = saga.claimed(won)
                } catch {
                    return .finished(finish(journalFailure(requestID, error)))
                }
            case .reclaim(let entry, let over):
                do {
                    let won = try await journal.recordIfCurrent(stamped(entry), is: over)
                    if won { events(.recorded(requestID: requestID, state: entry.state)) }
                    action = saga.claimed(won)
                } catch {
                    return .finished(finish(journalFailure(requestID, error)))
                }
            case .record(let entry):
                do {
                    try await recordStep(stamped(entry))
                    events(.recorded(requestID: requestID, state: entry.state))
                    if entry.state == .vendorCancelled || entry.state == .vendorRefused {
                        crashHook(.afterVendorRecorded)
                    }
                    action = saga.recorded()
                } catch {
                    return .finished(finish(journalFailure(requestID, error)))
                }
            case .assign:
                // Assigned to the configured operator (an e-mail or a UR- user), never to the token's SU- id.
                let assigned = await claim(requestID)
                action = saga.assigned(assigned)
            case .cancelAtVendor(let order, let wait):
                if wait > .zero {
                    events(.vendorRetry(requestID: requestID, attempt: vendorAttempts, wait: wait))
                    if assist.deferVendorRetries, let started = vendorStarted {
                        // The journal holds `vendor_sending`: resuming goes through recovery, which re-reads the
                        // request and calls the vendor again with the same idempotency key.
                        return .deferred(
                            DeferredRetry(
                                requestID: requestID, decision: saga.decision,
                                attempts: vendorAttempts, firstAttempt: started, due: clock.now() + wait))
                    }
                    try? await clock.sleep(wait)
                    if Task.isCancelled { return .finished(finish(stopped(requestID, "before the vendor call"))) }
                }
                let started = vendorStarted ?? clock.now()
                vendorStarted = started
                vendorAttempts += 1
                let outcome = await vendor.cancel(order)
                crashHook(.afterVendor)
                if Task.isCancelled, case .cancelled = outcome {
                    // A confirmed cancel is recorded (a local step); approve waits for the next run.
                } else if Task.isCancelled {
                    // Cut short: its answer is no verdict. The `vendor_sending` row lets the next run ask again.
                    return .finished(finish(stopped(requestID, "during the vendor call")))
                }
                assist.vendorAnswered(outcome)
                let elapsed = clock.now() - started
                if assist.holdRefusals, case .permanent = outcome {
                    return .held(
                        HeldRefusal(
                            saga: saga, outcome: outcome, elapsed: elapsed, vendorStarted: started,
                            vendorAttempts: vendorAttempts))
                }
                action = saga.vendorAnswered(outcome, elapsed: elapsed, unit: random())
            case .approve(let templateID):
                async let alongside: Void = assist.alongsideConnectAction()
                do {
                    let outcome = try await requests.approve(id: requestID, templateID: templateID)
                    crashHook(.afterConnect)
                    action = saga.connectAnswered(outcome)
                } catch {
                    if Task.isCancelled {
                        await alongside
                        return .finished(finish(stopped(requestID, "during approve")))
                    }
                    action = saga.connectFailed(Self.serviceError(error))
                }
                await alongside
            case .fail(let reason):
                async let alongside: Void = assist.alongsideConnectAction()
                do {
                    let outcome = try await requests.fail(id: requestID, reason: SecretRedactor.redact(reason))
                    crashHook(.afterConnect)
                    action = saga.connectAnswered(outcome)
                } catch {
                    if Task.isCancelled {
                        await alongside
                        return .finished(finish(stopped(requestID, "during fail")))
                    }
                    action = saga.connectFailed(Self.serviceError(error))
                }
                await alongside
            case .finish(let result):
                let finished = finish(result)
                await deliverAudit(after: finished) // best effort, bounded; never changes the result
                return .finished(finished)
            }
        }
    }

    /// Every journal step of one request, oldest first (for the console's detail screen and `show`).
    public func history(requestID: String) async throws -> [JournalEntry] {
        try await journal.history(requestID: requestID)
    }

    /// Every request a person must look at (its journal row in needs_review, with the cause), oldest first.
    public func needingReview() async throws -> [JournalEntry] {
        try await journal.needingReview()
    }

    /// The journal's newest `limit` steps of all requests, oldest first (the console's journal view, `history`);
    /// the journal reads only those.
    public func recentHistory(limit: Int) async throws -> [JournalEntry] {
        try await journal.recent(limit: max(limit, 0))
    }

    /// Finishes what earlier runs left half-done (the journal's unfinished rows), oldest first, one at a time.
    func recoverUnfinished() async throws -> [RequestResult] {
        let unfinished = try await journal.unfinished()
        guard !unfinished.isEmpty else { return [] }
        events(.recovering(count: unfinished.count))
        var results: [RequestResult] = []
        for entry in unfinished {
            results.append(await process(requestID: entry.requestID, decision: .approve))
        }
        return results
    }

    private func stamped(_ entry: JournalEntry) -> JournalEntry {
        var entry = entry
        entry.at = wallClock()
        return entry
    }

    func finish(_ result: RequestResult) -> RequestResult {
        events(.finished(result))
        if result.kind == .failed {
            logger.warning(
                "request not finished", metadata: ["request": "\(result.requestID)", "detail": "\(result.detail)"])
        }
        return result
    }

    private func unexpected(_ requestID: String, _ what: String) -> RequestResult {
        RequestResult(requestID: requestID, kind: .failed, detail: "internal: \(what) outside a queue", cause: .other)
    }

    /// A request the cancelled pass left where it was: `when` is `before approving in Connect`, `during the vendor
    /// call`…
    func stopped(_ requestID: String, _ when: String) -> RequestResult {
        RequestResult(
            requestID: requestID, kind: .failed, detail: "stopped \(when); the next run resumes it", cause: .stopped)
    }

    private func journalFailure(_ requestID: String, _ error: any Error) -> RequestResult {
        if Task.isCancelled { return stopped(requestID, "while writing the journal") }
        return RequestResult(
            requestID: requestID, kind: .failed,
            detail: SecretRedactor.redact("the journal could not be written, so nothing more was done: \(error)"),
            cause: .journal)
    }

    static func serviceError(_ error: any Error) -> ServiceError {
        if let error = error as? ServiceError { return error }
        return ServiceError(service: .connect, kind: .transient, messages: ["\(error)"])
    }
}
