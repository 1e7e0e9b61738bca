public import CancelDeskCore

/// What the console needs from the engine, and nothing more: the console never reaches the network, the disk
/// or the journal except through this.
public protocol ConsoleBackend: Sendable {
    /// Lists the pending cancel requests in scope, keeping `row(request)` of each as its page arrives (the
    /// console keeps rows, not full requests).
    func listing<Row: Sendable>(
        keeping row: @escaping @Sendable (FulfillmentRequest) -> Row
    ) async throws -> RequestListing<Row>
    /// Reads one request in full, as it is now (the detail view).
    func request(id: String) async throws -> FulfillmentRequest
    /// Takes one request through the saga with the operator's decision. `subscriptionID` is the vendor subscription
    /// id the operator saw: when Connect's re-read shows another, nothing remote is done (needs review).
    func process(requestID: String, decision: Decision, dryRun: Bool, expecting subscriptionID: String?) async
        -> RequestResult
    /// Every journal step of one request, oldest first.
    func history(requestID: String) async throws -> [JournalEntry]
    /// The most recent journal steps of all requests, oldest first, at most `limit`.
    func recentHistory(limit: Int) async throws -> [JournalEntry]
    /// Assigns the request to the operator (`connect.assignee`) and returns it as Connect answered.
    func claim(requestID: String) async throws -> FulfillmentRequest
}

extension CancelEngine: ConsoleBackend {
    /// The journal's newest `limit` steps, oldest first (the console's history view).
    public func recentHistory(limit: Int) async throws -> [JournalEntry] {
        Array(try await journal.history(requestID: nil).suffix(limit))
    }
}
