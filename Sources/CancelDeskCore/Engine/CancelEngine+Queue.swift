/// How one unattended pass works the queue.
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
    /// One unattended pass: finish what earlier runs left half-done, snapshot the queue, then approve every
    /// request in it with bounded concurrency. Starts nothing new once `shouldStop` is true, or once a
    /// credential or journal failure makes going on pointless; in-flight requests (vendor retries put aside among
    /// them) always finish.
    public func runQueue(_ options: QueueOptions, shouldStop: @escaping @Sendable () -> Bool) async -> RunSummary {
        let started = clock.now()
        var summary = RunSummary()
        var handled = Set<String>()
        if !options.dryRun {
            do {
                for result in try await recoverUnfinished() {
                    summary.add(result)
                    handled.insert(result.requestID)
                }
            } catch {
                summary.add(RequestResult(requestID: "-", kind: .failed, detail: "journal: \(error)", cause: .journal))
                return finished(summary, since: started)
            }
            if summary.unauthorized { return finished(summary, since: started) }
        }
        let snapshot: RequestSnapshot
        do {
            snapshot = try await self.snapshot()
        } catch {
            let error = Self.serviceError(error)
            let cause: RequestResult.Cause =
                error.kind == .unauthorized || error.kind == .forbidden ? .unauthorized(.connect) : .unavailable(.connect)
            summary.add(RequestResult(requestID: "-", kind: .failed, detail: "listing failed: \(error)", cause: cause))
            return finished(summary, since: started)
        }
        var queue = snapshot.requests.map(\.id).filter { !handled.contains($0) }
        if let limit = options.limit { queue = Array(queue.prefix(max(limit, 0))) }
        let board = QueueBoard(ids: queue, summary: summary, shouldStop: shouldStop) { reason in
            events(.stopping(reason: reason))
        }
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<max(1, options.concurrency) {
                group.addTask { await work(board, options) }
            }
        }
        return finished(board.summary, since: started)
    }

    /// One worker: takes requests (and due vendor retries) from the board until none is left. A vendor retry's wait
    /// does not hold the worker: the request is put aside and the worker goes on with the next one.
    private func work(_ board: QueueBoard, _ options: QueueOptions) async {
        let readAhead = ReadAheadBox()
        var taken = board.take(now: clock.now())
        while true {
            var assist = RunAssist(maxReadAge: options.readAhead ?? .zero, deferVendorRetries: true)
            let requestID: String
            let decision: Decision
            switch taken {
            case .done:
                return
            case .wait(let until):
                await Task.yield()
                try? await clock.sleep(max(until - clock.now(), .zero))
                taken = board.take(now: clock.now())
                continue
            case .start(let id):
                guard board.mayStart(taken) else {
                    taken = board.take(now: clock.now())
                    continue
                }
                (requestID, decision) = (id, .approve)
            case .resume(let retry):
                (requestID, decision) = (retry.requestID, retry.decision)
                assist.retry = retry
            case .park(let retry):
                board.finished(finish(parked(retry, board.summary.circuitOpenedBy ?? .vendor)))
                taken = board.take(now: clock.now())
                continue
            }
            assist.prefetched = readAhead.take(for: requestID)
            if options.readAhead != nil {
                assist.alongside = { await self.readNext(board, into: readAhead) }
            }
            switch await drive(requestID: requestID, decision: decision, dryRun: options.dryRun, assist: assist) {
            case .finished(let result): board.finished(result)
            case .deferred(let retry): board.deferred(retry)
            }
            taken = readAhead.takeReserved() ?? board.take(now: clock.now())
        }
    }

    /// Takes the worker's next request now (only one that is ready) and reads it, while the current one is approved.
    private func readNext(_ board: QueueBoard, into box: ReadAheadBox) async {
        let next = board.take(now: clock.now())
        let id: String
        switch next {
        case .start(let requestID): id = requestID
        case .resume(let retry): id = retry.requestID
        case .park:
            box.reserve(next)  // the worker reports it; nothing to read
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

    private func finished(_ summary: RunSummary, since started: Duration) -> RunSummary {
        var summary = summary
        summary.durationMs = Int((clock.now() - started).components.seconds * 1_000)
            + Int((clock.now() - started).components.attoseconds / 1_000_000_000_000_000)
        return summary
    }
}

extension RunSummary {
    /// True once a journal write failed in this pass.
    var failedOnJournal: Bool { journalFailures > 0 }
}
