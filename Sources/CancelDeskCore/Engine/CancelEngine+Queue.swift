/// How one unattended pass works the queue.
public struct QueueOptions: Sendable, Equatable {
    /// Requests processed at once.
    public var concurrency: Int
    /// Process at most this many requests of the snapshot.
    public var limit: Int?
    /// Check and report only; nothing remote is changed and nothing is recorded.
    public var dryRun: Bool

    public init(concurrency: Int = 8, limit: Int? = nil, dryRun: Bool = false) {
        self.concurrency = concurrency
        self.limit = limit
        self.dryRun = dryRun
    }
}

extension CancelEngine {
    /// One unattended pass: finish what earlier runs left half-done, snapshot the queue, then approve every
    /// request in it with bounded concurrency. Starts nothing new once `shouldStop` is true, or once a
    /// credential or journal failure makes going on pointless; in-flight requests always finish.
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
        let concurrency = max(1, options.concurrency)
        var breaker = CircuitBreaker()
        await withTaskGroup(of: RequestResult.self) { group in
            var next = 0
            var stopped = false
            func startNext() -> Bool {
                guard next < queue.count, !stopped else { return false }
                if shouldStop() || summary.unauthorized || summary.failedOnJournal || breaker.isOpen {
                    stopped = true
                    events(.stopping(reason: Self.stopReason(shouldStop(), breaker.openedBy, left: queue.count - next)))
                    return false
                }
                let id = queue[next]
                next += 1
                group.addTask { await process(requestID: id, decision: .approve, dryRun: options.dryRun) }
                return true
            }
            for _ in 0..<concurrency where !startNext() { break }
            while let result = await group.next() {
                summary.add(result)
                if let service = breaker.record(result) { summary.circuitOpenedBy = service }
                _ = startNext()
            }
        }
        return finished(summary, since: started)
    }

    private static func stopReason(_ stopRequested: Bool, _ openedBy: ServiceError.Service?, left: Int) -> String {
        if stopRequested { return "stop requested" }
        if let openedBy {
            let name = openedBy == .vendor ? "the vendor API" : "Connect"
            return "\(name) looks down (circuit breaker open): \(left) request(s) left pending for the next pass"
        }
        return "a failure makes going on pointless"
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
