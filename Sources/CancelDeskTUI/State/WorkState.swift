public import CancelDeskCore

/// What the console has asked the engine to do and how it went, per request and for the current batch.
public struct WorkState: Sendable, Equatable {
    /// Where one request stands in this session.
    public enum RowState: Sendable, Equatable {
        /// The engine is working on it; `step` is the last journal step recorded, if any.
        case working(DecisionKind, step: String)
        /// The engine finished with this outcome.
        case finished(RequestResult.Kind)
    }

    /// Requests being processed, with what was decided.
    public internal(set) var inFlight: [String: DecisionKind] = [:]
    /// The latest state of every request processed this session (pruned when a request leaves the queue).
    public internal(set) var rows: [String: RowState] = [:]
    /// Requests in the current batch (everything started since the engine was last idle).
    public internal(set) var batchTotal = 0
    /// Outcomes of the current batch so far.
    public internal(set) var batchOutcomes: [RequestResult.Kind: Int] = [:]
    /// Requests of the current batch the engine never started.
    public internal(set) var batchNotStarted = 0
    /// The last engine batch number handed out (each confirmed dialog is one batch).
    public internal(set) var lastBatch = 0

    /// How many of the current batch are done.
    public var batchDone: Int { batchOutcomes.values.reduce(0, +) }

    mutating func begin(_ ids: [String], _ kind: DecisionKind) {
        for id in ids {
            inFlight[id] = kind
            rows[id] = .working(kind, step: "")
        }
        batchTotal += ids.count
    }

    /// A new engine batch number.
    mutating func nextBatch() -> Int {
        lastBatch += 1
        return lastBatch
    }

    /// The engine did not start `id`: it leaves the work in flight with nothing done; returns whether the console
    /// had asked for it.
    @discardableResult
    mutating func notStarted(_ id: String) -> Bool {
        guard inFlight.removeValue(forKey: id) != nil else { return false }
        rows[id] = nil
        batchNotStarted += 1
        return true
    }

    /// How many requests in flight the engine has begun (the others may still be stopped before they start).
    var started: Int {
        inFlight.keys.reduce(0) { count, id in
            if case .working(_, let step)? = rows[id], !step.isEmpty { return count + 1 }
            return count
        }
    }

    mutating func step(_ id: String, _ step: String) {
        guard let kind = inFlight[id] else { return }
        rows[id] = .working(kind, step: step)
    }

    /// Records a result; returns the decision it belonged to (nil when the console did not start it).
    @discardableResult
    mutating func finish(_ result: RequestResult) -> DecisionKind? {
        let kind = inFlight.removeValue(forKey: result.requestID)
        rows[result.requestID] = .finished(result.kind)
        if kind != nil { batchOutcomes[result.kind, default: 0] += 1 }
        return kind
    }

    /// "approving… 2/8 done" while a batch runs.
    var progressLabel: String? {
        guard !inFlight.isEmpty else { return nil }
        let kinds = Set(inFlight.values)
        let verb = kinds == [.approve] ? "approving" : kinds == [.reject] ? "rejecting" : "working"
        return "\(verb)… \(batchDone)/\(batchTotal) done"
    }

    /// "8 approved, 2 failed" for the batch so far.
    var summary: String {
        let order: [RequestResult.Kind] = [.approved, .rejected, .skipped, .needsReview, .failed]
        let parts = order.compactMap { kind -> String? in
            guard let count = batchOutcomes[kind], count > 0 else { return nil }
            return "\(count) \(kind == .needsReview ? "need review" : kind.rawValue)"
        }
        let notStarted = batchNotStarted > 0 ? ["\(batchNotStarted) not started"] : []
        return parts.isEmpty && notStarted.isEmpty ? "nothing done" : (parts + notStarted).joined(separator: ", ")
    }

    mutating func endBatch() {
        batchTotal = 0
        batchOutcomes = [:]
        batchNotStarted = 0
    }

    /// Drops what is known about requests that left the queue and are not being processed.
    mutating func prune(keeping present: (String) -> Bool) {
        rows = rows.filter { inFlight[$0.key] != nil || present($0.key) }
    }
}

/// Which way the operator decided.
public enum DecisionKind: String, Sendable, Hashable {
    case approve, reject
}
