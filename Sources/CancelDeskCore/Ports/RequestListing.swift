/// A listing of pending cancel requests in which each request was reduced to what the caller keeps (a list row,
/// say) as soon as its page arrived, so the full requests of a large queue never sit in memory together.
public struct RequestListing<Row: Sendable>: Sendable {
    /// One row per request, oldest first, each request once.
    public var rows: [Row]
    /// Records that were left out, with why: malformed, or outside the scope despite the server's filter.
    public var skipped: [SkippedRecord]
    /// The total the server reported for the query.
    public var reportedTotal: Int

    public init(rows: [Row], skipped: [SkippedRecord] = [], reportedTotal: Int) {
        self.rows = rows
        self.skipped = skipped
        self.reportedTotal = reportedTotal
    }
}

extension RequestsAPI {
    /// The listing built from the full snapshot: for implementations without a streaming listing (fakes); same
    /// rows, same order, same skipped records, but every full request is in memory until the end.
    public func pendingCancelRequests<Row: Sendable>(
        in scope: QueueScope, keeping row: @escaping @Sendable (FulfillmentRequest) -> Row
    ) async throws -> RequestListing<Row> {
        let snapshot = try await pendingCancelRequests(in: scope)
        return RequestListing(
            rows: snapshot.requests.map(row), skipped: snapshot.skipped, reportedTotal: snapshot.reportedTotal)
    }
}
