import CancelDeskCore
import Foundation

@testable import CancelDeskTUI

/// A backend for run-loop tests: serves a fixed listing, answers process calls from a script (approve →
/// approved, reject → rejected unless told otherwise), can hold calls until released, and records everything.
final class FakeBackend: ConsoleBackend, @unchecked Sendable {
    // @unchecked: all mutable state is under `lock`.
    private let lock = NSLock()
    private var requests: [FulfillmentRequest]
    private var outcomes: [String: RequestResult.Kind] = [:]
    private var calls: [(String, Decision)] = []
    private var snapshots = 0
    private var reads: [String] = []
    private var held = false
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

    func process(requestID: String, decision: Decision, dryRun: Bool, expecting subscriptionID: String?) async
        -> RequestResult
    {
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

    func recentHistory(limit: Int) async throws -> [JournalEntry] {
        try await history(requestID: Fixture.id(1))
    }
}
