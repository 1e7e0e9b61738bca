import CancelDeskCore
import Foundation

@testable import CancelDeskTUI

/// A backend for run-loop tests: serves a fixed listing, works decisions one at a time from a script (approve →
/// approved, reject → rejected unless told otherwise), can hold them until released, honours the stop condition,
/// posts results to its ``inbox`` as engine events, and records everything.
final class FakeBackend: ConsoleBackend, @unchecked Sendable {
    // @unchecked: all mutable state is under `lock`.
    private let lock = NSLock()
    private var requests: [FulfillmentRequest]
    private var outcomes: [String: RequestResult.Kind] = [:]
    private var calls: [(String, Decision)] = []
    private var snapshots = 0
    private var reads: [String] = []
    private var held = false
    private var reviews: [JournalEntry] = []
    private var begun: [String] = []
    /// Where results go, as the engine's `events` would send them: give it to the console.
    let inbox = ConsoleInbox()
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(_ requests: [FulfillmentRequest]) {
        self.requests = requests
    }

    /// Makes process calls wait until ``release()``.
    func hold() { lock.withLock { held = true } }

    func release() {
        let resumed = lock.withLock {
            held = false
            defer { waiting = [] }
            return waiting
        }
        for continuation in resumed { continuation.resume() }
    }

    func answer(_ id: String, with kind: RequestResult.Kind) { lock.withLock { outcomes[id] = kind } }

    var processed: [(String, Decision)] { lock.withLock { calls } }
    /// The ids whose processing began (a held call counts), in order.
    var begunIDs: [String] { lock.withLock { begun } }
    var snapshotCount: Int { lock.withLock { snapshots } }
    /// The ids read in full (the detail view), in order.
    var readIDs: [String] { lock.withLock { reads } }

    func listing<Row: Sendable>(
        keeping row: @escaping @Sendable (FulfillmentRequest) -> Row
    ) async throws -> RequestListing<Row> {
        let listed = lock.withLock {
            snapshots += 1
            return requests
        }
        return RequestListing(rows: listed.map(row), reportedTotal: listed.count)
    }

    /// The ids claimed (assigned to the operator), in order.
    var claimedIDs: [String] { lock.withLock { claims } }
    private var claims: [String] = []

    func claim(requestID: String) async throws -> FulfillmentRequest {
        let found: FulfillmentRequest? = lock.withLock {
            claims.append(requestID)
            guard let index = requests.firstIndex(where: { $0.id == requestID }) else { return nil }
            requests[index].assignee = .user(id: "UR-9", name: "Me", email: "me@vendor.example")
            return requests[index]
        }
        guard let found else { throw ServiceError(service: .connect, kind: .notFound) }
        return found
    }

    func request(id: String) async throws -> FulfillmentRequest {
        let found = lock.withLock {
            reads.append(id)
            return requests.first { $0.id == id }
        }
        guard let found else { throw ServiceError(service: .connect, kind: .notFound) }
        return found
    }

    /// Works the items one at a time, reporting each result through ``inbox`` as the engine would; an item not
    /// begun when `shouldStop` turns true is reported as not started.
    func run(_ items: [WorkItem], options: QueueOptions, shouldStop: @escaping @Sendable () -> Bool) async
        -> RunSummary
    {
        var summary = RunSummary()
        for (index, item) in items.enumerated() {
            if shouldStop() {
                let left = items[index...].map(\.requestID)
                inbox.post(.engine(.notStarted(requestIDs: left, reason: "stop requested")))
                break
            }
            let result = await process(item.requestID, item.decision)
            summary.add(result)
            inbox.post(.engine(.finished(result)))
        }
        return summary
    }

    private func process(_ requestID: String, _ decision: Decision) async -> RequestResult {
        lock.withLock { begun.append(requestID) }
        await withCheckedContinuation { continuation in
            let wait = lock.withLock {
                if held { waiting.append(continuation) }
                return held
            }
            if !wait { continuation.resume() }
        }
        return lock.withLock {
            calls.append((requestID, decision))
            let standard: RequestResult.Kind = decision == .approve ? .approved : .rejected
            let kind = outcomes[requestID] ?? standard
            if kind == .approved || kind == .rejected { requests.removeAll { $0.id == requestID } }
            return RequestResult(
                requestID: requestID, kind: kind, detail: kind == .failed ? "vendor rejected: legal hold" : "")
        }
    }

    func history(requestID: String) async throws -> [JournalEntry] {
        [
            JournalEntry(
                requestID: requestID, state: .vendorSending, at: Fixture.now.addingTimeInterval(-60), mode: .tui,
                osUser: "ops", host: "box")
        ]
    }

    /// Journal rows in needs_review that ``needingReview()`` returns.
    var reviewRows: [JournalEntry] {
        get { lock.withLock { reviews } }
        set { lock.withLock { reviews = newValue } }
    }

    func needingReview() async throws -> [JournalEntry] { reviewRows }

    func recentHistory(limit: Int) async throws -> [JournalEntry] {
        try await history(requestID: Fixture.id(1))
    }
}
