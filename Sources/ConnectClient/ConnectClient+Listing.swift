public import CancelDeskCore
internal import ConnectWire

extension ConnectClient {
    /// One fetched page: where it started, how many elements it held, and what its requests were reduced to.
    struct FetchedPage<Row: Sendable>: Sendable {
        /// One element of the page that decoded into a request.
        enum Entry: Sendable {
            case kept(id: String, Row)
            /// Connect ignores unknown filter fields, so every row is checked against the scope again here.
            case outOfScope(id: String, detail: String)
        }

        var offset: Int
        /// Elements in the page, decoded or not (the offset advances by this).
        var count: Int
        var entries: [Entry]
        var skipped: [SkippedRecord]
        var range: ContentRange?

        /// The ids the page brought, decoded or not.
        var ids: [String] {
            entries.map { entry in
                switch entry {
                case .kept(let id, _), .outOfScope(let id, _): id
                }
            } + skipped.compactMap(\.id)
        }

        /// Checks the page against the listing's bounds.
        func admit(into bounds: inout ListingBounds) throws {
            try bounds.admit(offset: offset, count: count, ids: ids, reportedTotal: range?.total)
        }
    }

    public func pendingCancelRequests(in scope: QueueScope) async throws -> RequestSnapshot {
        let listing = try await pendingCancelRequests(in: scope, keeping: { $0 })
        return RequestSnapshot(requests: listing.rows, skipped: listing.skipped, reportedTotal: listing.reportedTotal)
    }

    /// Lists the queue, reducing each page to `row(request)` as soon as it is decoded: the full requests of a
    /// page are dropped before the next pages arrive.
    public func pendingCancelRequests<Row: Sendable>(
        in scope: QueueScope, keeping row: @escaping @Sendable (FulfillmentRequest) -> Row
    ) async throws -> RequestListing<Row> {
        let query = Self.listingQuery(scope)
        var pages = try await fetchAll(query) { (request: FulfillmentRequest) -> FetchedPage<Row>.Entry in
            if let mismatch = scope.mismatch(request) { return .outOfScope(id: request.id, detail: mismatch) }
            return .kept(id: request.id, row(request))
        }
        var seen = Set<String>()
        var listing = RequestListing<Row>(rows: [], reportedTotal: pages.first?.range?.total ?? 0)
        listing.rows.reserveCapacity(pages.reduce(0) { $0 + $1.entries.count })
        pages.sort { $0.offset < $1.offset }
        for index in pages.indices {
            // Each page's entries are released once copied, so the rows are not held twice.
            let fetched = pages[index]
            pages[index].entries = []
            listing.skipped += fetched.skipped
            for entry in fetched.entries {
                switch entry {
                case .kept(let id, let row):
                    if seen.insert(id).inserted { listing.rows.append(row) }
                case .outOfScope(let id, let detail):
                    if seen.insert(id).inserted {
                        listing.skipped.append(SkippedRecord(id: id, cause: .outOfScope, detail: detail))
                    }
                }
            }
        }
        if !listing.skipped.isEmpty {
            let ids = listing.skipped.prefix(10).map { $0.id ?? "?" }.joined(separator: ",")
            exchange.logger.warning(
                "records left out of the listing",
                metadata: ["count": "\(listing.skipped.count)", "ids": "\(exchange.scrubber.message(ids))"])
        }
        return listing
    }

    /// Fetches every page of `query`. The first page tells the total and the server's real page size; the rest
    /// are fetched concurrently, advancing by the rows actually returned; any short page has its gap refetched.
    /// Each page's requests are reduced by `entry` as the page arrives. Every page is admitted by
    /// ``ListingBounds`` (a listing always ends, bounded), and a cancelled task stops between pages.
    func fetchAll<Row: Sendable>(
        _ query: RQLQuery, _ entry: @escaping @Sendable (FulfillmentRequest) -> FetchedPage<Row>.Entry
    ) async throws -> [FetchedPage<Row>] {
        var bounds = ListingBounds(cap: configuration.maxListingTotal)
        let first = try await fetchPage(query, offset: 0, entry)
        // Checked before any offset is planned: an implausible total stops here.
        try first.admit(into: &bounds)
        let step = first.count
        guard step > 0 else { return [first] }
        guard let total = first.range?.total else {
            return try await fetchSequentially(query, from: step, into: [first], bounds: &bounds, entry)
        }
        var pages = [first]
        var nextOffset = step
        try await withThrowingTaskGroup(of: FetchedPage<Row>.self) { group in
            do {
                var running = 0
                while running < max(configuration.pageConcurrency, 1) && nextOffset < total {
                    let offset = nextOffset
                    group.addTask { try await fetchPage(query, offset: offset, entry) }
                    nextOffset += step
                    running += 1
                }
                while let page = try await group.next() {
                    try Task.checkCancellation()
                    try page.admit(into: &bounds)
                    pages.append(page)
                    if nextOffset < total {
                        let offset = nextOffset
                        group.addTask { try await fetchPage(query, offset: offset, entry) }
                        nextOffset += step
                    }
                }
            } catch {
                group.cancelAll()
                throw error
            }
        }
        // A page shorter than planned (a smaller cap, or rows that left the filter) leaves a gap: fill it.
        for page in pages where page.offset > 0 || page.count < step {
            let expected = min(step, total - page.offset)
            if page.count > 0 && page.count < expected {
                pages = try await fetchSequentially(
                    query, from: page.offset + page.count, until: page.offset + expected, into: pages,
                    bounds: &bounds, entry)
            }
        }
        return pages
    }

    /// Fetches pages one after another from `offset` until an empty page, the `until` offset, or the total.
    func fetchSequentially<Row: Sendable>(
        _ query: RQLQuery, from offset: Int, until end: Int = .max, into pages: [FetchedPage<Row>],
        bounds: inout ListingBounds, _ entry: @escaping @Sendable (FulfillmentRequest) -> FetchedPage<Row>.Entry
    ) async throws -> [FetchedPage<Row>] {
        var pages = pages
        var offset = offset
        while offset < end {
            try Task.checkCancellation()
            let page = try await fetchPage(query, offset: offset, entry)
            guard page.count > 0 else { break }
            try page.admit(into: &bounds)
            pages.append(page)
            offset += page.count
            if let total = page.range?.total, offset >= total { break }
        }
        return pages
    }

    /// The listing's query for `scope`: the same RQL for the listing and for ``pendingCancelCount(in:)``.
    static func listingQuery(_ scope: QueueScope) -> RQLQuery {
        RQLQuery.pendingCancels(
            products: scope.products, environments: scope.environments.map(\.wireValue),
            marketplaces: scope.marketplaces)
    }

    /// The path and query of one listing page.
    static func listingPath(_ query: RQLQuery, limit: Int, offset: Int) -> String {
        "/requests?\(query.queryString)&limit=\(limit)&offset=\(offset)"
    }

    /// Runs the listing's own query with `limit=0` (Connect answers no rows, only the total in `Content-Range`):
    /// what `doctor` uses to learn whether Connect accepts the query the listing will send.
    /// - Returns: the total Connect reports, or nil when it sent no readable `Content-Range`.
    public func pendingCancelCount(in scope: QueueScope) async throws -> Int? {
        let result = try await get(Self.listingPath(Self.listingQuery(scope), limit: 0, offset: 0))
        return result.contentRange.flatMap(ContentRange.init(header:))?.total
    }

    func fetchPage<Row: Sendable>(
        _ query: RQLQuery, offset: Int, _ entry: @escaping @Sendable (FulfillmentRequest) -> FetchedPage<Row>.Entry
    ) async throws -> FetchedPage<Row> {
        let pathAndQuery = Self.listingPath(query, limit: configuration.pageSize, offset: offset)
        let result = try await get(pathAndQuery)
        let page: RequestPageDecoder.Page
        do {
            page = try RequestPageDecoder.decode(result.body)
        } catch let error as ServiceError {
            throw exchange.scrubber.error(error)
        }
        let skipped = page.skipped.map { record in
            var clean = record
            clean.detail = exchange.scrubber.message(record.detail)
            return clean
        }
        return FetchedPage(
            offset: offset, count: page.count, entries: page.requests.map(entry), skipped: skipped,
            range: result.contentRange.flatMap(ContentRange.init(header:)))
    }
}
