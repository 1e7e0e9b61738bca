/// What a front end that shows the queue needs besides ``CancelEngine/run(_:options:shouldStop:)``:
/// a light listing, and one request read in full on demand.
extension CancelEngine {
    /// Lists the queue like ``snapshot()``, but keeps only `row(request)` of each request, made as its page
    /// arrives: a console showing 100,000 requests holds their rows, never the requests. Reports the listing
    /// as a ``EngineEvent/snapshot(count:skipped:reportedTotal:)`` event.
    public func listing<Row: Sendable>(
        keeping row: @escaping @Sendable (FulfillmentRequest) -> Row
    ) async throws -> RequestListing<Row> {
        let listing = try await requests.pendingCancelRequests(in: settings.scope, keeping: row)
        events(.snapshot(count: listing.rows.count, skipped: listing.skipped, reportedTotal: listing.reportedTotal))
        return listing
    }

    /// Reads one request as it is now, for display. Acting never relies on this copy:
    /// ``run(_:options:shouldStop:)`` reads the request again before anything is changed.
    public func request(id: String) async throws -> FulfillmentRequest {
        try await requests.request(id: id)
    }
}
