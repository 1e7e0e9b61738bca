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
    /// Works the operator's decisions (``CancelEngine/run(_:options:shouldStop:)``): results arrive as engine
    /// events only (``EngineEvent/finished(_:)`` per request worked on, ``EngineEvent/notStarted(requestIDs:reason:)``
    /// for those a stop left untouched). No new item starts once `shouldStop` is true; items in flight finish.
    func run(_ items: [WorkItem], options: QueueOptions, shouldStop: @escaping @Sendable () -> Bool) async
        -> RunSummary
    /// Every journal step of one request, oldest first.
    func history(requestID: String) async throws -> [JournalEntry]
    /// The journal rows of every request waiting for review (needs_review), with why.
    func needingReview() async throws -> [JournalEntry]
    /// The most recent journal steps of all requests, oldest first, at most `limit`.
    func recentHistory(limit: Int) async throws -> [JournalEntry]
    /// Assigns the request to the operator (`connect.assignee`) and returns it as Connect answered.
    func claim(requestID: String) async throws -> FulfillmentRequest
}

extension CancelEngine: ConsoleBackend {}
