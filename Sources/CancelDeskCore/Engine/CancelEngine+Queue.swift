/// How a work list is worked: an unattended pass, a console batch, a CLI decision.
public struct QueueOptions: Sendable, Equatable {
    /// Requests worked on at once: that many workers. A request waiting out a vendor's retry delay is put aside
    /// and does not hold a worker; each worker may read its next request while approving its current one.
    public var concurrency: Int
    /// Process at most this many requests of the snapshot.
    public var limit: Int?
    /// Check and report only; nothing remote is changed and nothing is recorded.
    public var dryRun: Bool
    /// Each worker reads its next request while its current one is approved (or failed) in Connect, and that read
    /// stands in for the check before the vendor call when it is at most this old by then; an older one is read
    /// again. Nil: never read ahead (one more Connect round trip per request).
    public var readAhead: Duration?

    public init(
        concurrency: Int = 8, limit: Int? = nil, dryRun: Bool = false, readAhead: Duration? = .milliseconds(250)
    ) {
        self.concurrency = concurrency
        self.limit = limit
        self.dryRun = dryRun
        self.readAhead = readAhead
    }
}

extension CancelEngine {
    /// Works a list of decisions: the one runner behind every front end. `options.concurrency` workers take the
    /// items in order; a vendor retry's wait is put aside (it holds no worker), a vendor refusal is held until the
    /// list shows the vendor answers honestly (``RefusalWatch``), and each worker may read its next request while
    /// approving its current one.
    ///
    /// No new item starts once `shouldStop` is true, or once a credential or journal failure, an outage
    /// (``CircuitBreaker``) or a configuration fault makes going on pointless; items in flight always finish.
    /// Results come as events: one ``EngineEvent/finished(_:)`` per item worked on, then, when some were never
    /// started, one ``EngineEvent/notStarted(requestIDs:reason:)`` naming them (nothing was done to them). When
    /// the task is cancelled nothing new starts and no remote step begins; every item left is resumed by a later
    /// run. Returns the counts.
    public func run(
        _ items: [WorkItem], options: QueueOptions, shouldStop: @escaping @Sendable () -> Bool
    ) async -> RunSummary {
        let started = clock.now()
        let board = await work(items, options, summary: RunSummary(), watch: RefusalWatch(), shouldStop)
        return finished(board.summary, since: started)
    }

    /// One unattended pass: finish what earlier runs left half-done, snapshot the queue, then approve every
    /// request in it with bounded concurrency, both phases on the runner of ``run(_:options:shouldStop:)``.
    /// Starts nothing new once `shouldStop` is true, or once a credential or journal failure, an outage
    /// (``CircuitBreaker``) or a configuration fault (``RefusalWatch``) makes going on pointless; in-flight requests
    /// (vendor retries put aside among them) always finish.
    ///
    /// Each request is checked against the subscription id its listing showed. A vendor refusal is settled only
    /// once the pass knows the vendor answers honestly; when every vendor call is refused alike, none is settled
    /// and ``RunSummary/configurationFault`` names the fault. When the task is cancelled, nothing new starts, no
    /// remote step begins, and the summary (``RunSummary/stopped``) comes back promptly; every request left is
    /// resumed by the next run.
    public func runQueue(_ options: QueueOptions, shouldStop: @escaping @Sendable () -> Bool) async -> RunSummary {
        let started = clock.now()
        var summary = RunSummary()
        var watch = RefusalWatch()
        var handled = Set<String>()
        if !options.dryRun {
            let unfinished: [JournalEntry]
            do {
                unfinished = try await journal.unfinished()
            } catch {
                let detail = SecretRedactor.redact("journal: \(error)")
                summary.add(RequestResult(requestID: "-", kind: .failed, detail: detail, cause: .journal))
                summary.stopReason = detail
                return finished(summary, since: started)
            }
            if !unfinished.isEmpty {
                events(.recovering(count: unfinished.count))
                // The journal row decides how each one goes on; `.approve` is only what a fresh start would do.
                let items = unfinished.map { WorkItem(requestID: $0.requestID, decision: .approve) }
                let board = await work(items, options, summary: summary, watch: watch, shouldStop)
                summary = board.summary
                watch = board.watch
                handled.formUnion(items.map(\.requestID))
            }
            let pointless = summary.unauthorized || summary.configurationFault != nil || summary.failedOnJournal
            if Task.isCancelled || pointless {
                return finished(summary, since: started)
            }
        }
        let snapshot: RequestSnapshot
        do {
            snapshot = try await self.snapshot()
        } catch {
            if Task.isCancelled {
                summary.stopReason = "stopped while listing the queue; nothing new was started"
                summary.stopped = true
                return finished(summary, since: started)
            }
            let error = Self.serviceError(error)
            // A 4xx to the listing query (a filter or field Connect does not accept) is the configuration's
            // problem, not an outage: it would be refused again on every pass.
            if error.kind == .rejected {
                let detail = CancelSaga.outbound("listing refused by Connect: \(error)", limit: 1_000)
                summary.add(
                    RequestResult(requestID: "-", kind: .failed, detail: detail, cause: .configuration(.connect)))
                summary.configurationFault = detail
                summary.stopReason = detail
                return finished(summary, since: started)
            }
            let cause: RequestResult.Cause =
                error.kind == .unauthorized || error.kind == .forbidden
                ? .unauthorized(.connect) : .unavailable(.connect)
            let detail = CancelSaga.outbound("listing failed: \(error)", limit: 1_000)
            summary.add(RequestResult(requestID: "-", kind: .failed, detail: detail, cause: cause))
            summary.stopReason = detail
            return finished(summary, since: started)
        }
        // Each decision is built on the subscription the listing showed.
        var items = snapshot.requests.filter { !handled.contains($0.id) }.map { request in
            let expected: String? =
                if case .success(let id) = settings.subscriptionID(of: request) { id } else { nil }
            return WorkItem(requestID: request.id, decision: .approve, expectedSubscriptionID: expected)
        }
        if let limit = options.limit { items = Array(items.prefix(max(limit, 0))) }
        let board = await work(items, options, summary: summary, watch: watch, shouldStop)
        return finished(board.summary, since: started)
    }

    /// Works `items` with `options.concurrency` workers on one board; returns the board once every worker ended,
    /// after reporting the items never started.
    private func work(
        _ items: [WorkItem], _ options: QueueOptions, summary: RunSummary, watch: RefusalWatch,
        _ shouldStop: @escaping @Sendable () -> Bool
    ) async -> QueueBoard {
        let board = QueueBoard(items: items, summary: summary, watch: watch, shouldStop: shouldStop) { reason in
            events(.stopping(reason: reason))
        }
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<max(1, options.concurrency) {
                group.addTask { await work(board, options) }
            }
        }
        let left = board.notStarted
        if !left.items.isEmpty {
            events(.notStarted(requestIDs: left.items.map(\.requestID), reason: left.reason))
        }
        return board
    }

    /// One worker: takes requests (and due vendor retries, and held refusals to settle) from the board until none
    /// is left. A vendor retry's wait does not hold the worker: the request is put aside and the worker goes on
    /// with the next one. Once the task is cancelled the worker reports what it holds and what is left aside, and
    /// ends.
    private func work(_ board: QueueBoard, _ options: QueueOptions) async {
        let readAhead = ReadAheadBox()
        var taken = board.take(now: clock.now())
        while true {
            if Task.isCancelled {
                stopWork(board, holding: taken)
                return
            }
            var assist = RunAssist(maxReadAge: options.readAhead ?? .zero, deferVendorRetries: true)
            assist.holdRefusals = !options.dryRun
            assist.vendorAnswered = { board.vendorAnswered($0) }
            let requestID: String
            let decision: Decision
            var expecting: String?
            var refusal: HeldRefusal?
            switch taken {
            case .done:
                return
            case .wait(let until):
                await Task.yield()
                try? await clock.sleep(max(until - clock.now(), .zero))
                taken = board.take(now: clock.now())
                continue
            case .start(let item):
                guard board.mayStart(taken) else {
                    taken = board.take(now: clock.now())
                    continue
                }
                (requestID, decision, expecting) = (item.requestID, item.decision, item.expectedSubscriptionID)
            case .resume(let retry):
                (requestID, decision) = (retry.requestID, retry.decision)
                assist.retry = retry
            case .park(let retry):
                board.finished(finish(parked(retry, board.summary.circuitOpenedBy ?? .vendor)))
                taken = board.take(now: clock.now())
                continue
            case .settle(let held):
                (requestID, decision) = (held.requestID, held.saga.decision)
                refusal = held
            case .abandon(let held):
                board.finished(finish(unsettled(held, board.summary.configurationFault ?? "")))
                taken = board.take(now: clock.now())
                continue
            }
            assist.prefetched = readAhead.take(for: requestID)
            if options.readAhead != nil {
                assist.alongside = { await self.readNext(board, into: readAhead) }
            }
            let end =
                if let refusal {
                    await settle(refusal, assist: assist)
                } else {
                    await drive(
                        requestID: requestID, decision: decision, dryRun: options.dryRun, expecting: expecting,
                        assist: assist)
                }
            switch end {
            case .finished(let result): board.finished(result)
            case .deferred(let retry): board.deferred(retry)
            case .held(let held): board.held(held)
            }
            taken = readAhead.takeReserved() ?? board.take(now: clock.now())
        }
    }

    /// The pass is cancelled: nothing new starts; what this worker took and what waits aside is reported as stopped
    /// (its journal row stays, so the next run resumes it).
    private func stopWork(_ board: QueueBoard, holding taken: QueueBoard.Take) {
        board.stop("stopped: the pass was cancelled")
        switch taken {
        case .start: board.handBack(taken)
        case .resume(let retry), .park(let retry):
            board.finished(finish(stopped(retry.requestID, "before the vendor retry")))
        case .settle(let held), .abandon(let held):
            board.finished(finish(stopped(held.requestID, "before settling the vendor's refusal")))
        case .wait, .done: break
        }
        let (retries, refusals) = board.takeLeftovers()
        for retry in retries { board.report(finish(stopped(retry.requestID, "before the vendor retry"))) }
        for held in refusals { board.report(finish(stopped(held.requestID, "before settling the vendor's refusal"))) }
    }

    /// Takes the worker's next request now (only one that is ready) and reads it, while the current one is approved.
    private func readNext(_ board: QueueBoard, into box: ReadAheadBox) async {
        let next = board.take(now: clock.now())
        let id: String
        switch next {
        case .start(let item): id = item.requestID
        case .resume(let retry): id = retry.requestID
        case .park, .abandon, .settle:
            box.reserve(next) // the worker reports it; nothing to read
            return
        case .wait, .done: return
        }
        box.reserve(next)
        if let request = try? await requests.request(id: id) {
            box.store(PrefetchedRead(request: request, answeredAt: clock.now()), for: id)
        }
    }

    /// A vendor retry that is not made because the circuit breaker opened: the request is not finished in this pass
    /// (its `vendor_sending` row stays; the next pass resumes it with the same key), and nothing is failed in Connect.
    private func parked(_ retry: DeferredRetry, _ openedBy: ServiceError.Service) -> RequestResult {
        RequestResult(
            requestID: retry.requestID, kind: .failed,
            detail: CircuitBreaker.outage(openedBy) + ": vendor retry \(retry.attempts + 1) not made; "
                + "the next pass resumes it with the same idempotency key",
            cause: .unavailable(.vendor))
    }

    /// A held refusal left unsettled because every vendor call of the pass was refused alike.
    private func unsettled(_ held: HeldRefusal, _ fault: String) -> RequestResult {
        RequestResult(
            requestID: held.requestID, kind: .failed,
            detail: "not settled: \(fault); the next pass calls the vendor again with the same idempotency key",
            cause: .configuration(.vendor))
    }

    private func finished(_ summary: RunSummary, since started: Duration) -> RunSummary {
        var summary = summary
        if Task.isCancelled {
            summary.stopped = true
            summary.stopReason =
                summary.stopReason ?? "stopped: the pass was cancelled; the next run resumes what is left"
        }
        summary.durationMs = Int((clock.now() - started).wholeMilliseconds)
        return summary
    }
}

extension RunSummary {
    /// True once a journal write failed in this pass.
    var failedOnJournal: Bool { journalFailures > 0 }
}
