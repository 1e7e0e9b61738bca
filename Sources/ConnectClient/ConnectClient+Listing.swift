public import CancelDeskCore
internal import ConnectWire

extension ConnectClient {
    /// One fetched page: where it started, how many rows it held, and what they decoded to.
    struct FetchedPage: Sendable {
        var offset: Int
        var page: RequestPageDecoder.Page
        var range: ContentRange?
    }

    public func pendingCancelRequests(in scope: QueueScope) async throws -> RequestSnapshot {
        let query = RQLQuery.pendingCancels(
            products: scope.products, environments: scope.environments.map(\.wireValue),
            marketplaces: scope.marketplaces)
        let pages = try await fetchAll(query)
        var seen = Set<String>()
        var snapshot = RequestSnapshot(requests: [], reportedTotal: pages.first?.range?.total ?? 0)
        for fetched in pages.sorted(by: { $0.offset < $1.offset }) {
            snapshot.skipped += fetched.page.skipped
            for request in fetched.page.requests where seen.insert(request.id).inserted {
                // Connect ignores unknown filter fields, so every row is checked again here.
                if let mismatch = scope.mismatch(request) {
                    snapshot.skipped.append(SkippedRecord(id: request.id, cause: .outOfScope, detail: mismatch))
                } else {
                    snapshot.requests.append(request)
                }
            }
        }
        if !snapshot.skipped.isEmpty {
            exchange.logger.warning(
                "records left out of the listing",
                metadata: ["count": "\(snapshot.skipped.count)",
                    "ids": "\(snapshot.skipped.prefix(10).map { $0.id ?? "?" }.joined(separator: ","))"])
        }
        return snapshot
    }

    /// Fetches every page of `query`. The first page tells the total and the server's real page size; the rest
    /// are fetched concurrently, advancing by the rows actually returned; any short page has its gap refetched.
    func fetchAll(_ query: RQLQuery) async throws -> [FetchedPage] {
        let first = try await fetchPage(query, offset: 0)
        let step = first.page.count
        guard step > 0 else { return [first] }
        guard let total = first.range?.total else {
            return try await fetchSequentially(query, from: step, into: [first])
        }
        var pages = [first]
        let offsets = Array(stride(from: step, to: total, by: step))
        var next = 0
        try await withThrowingTaskGroup(of: FetchedPage.self) { group in
            for _ in 0..<min(max(configuration.pageConcurrency, 1), offsets.count) {
                let offset = offsets[next]
                next += 1
                group.addTask { try await fetchPage(query, offset: offset) }
            }
            while let page = try await group.next() {
                pages.append(page)
                if next < offsets.count {
                    let offset = offsets[next]
                    next += 1
                    group.addTask { try await fetchPage(query, offset: offset) }
                }
            }
        }
        // A page shorter than planned (a smaller cap, or rows that left the filter) leaves a gap: fill it.
        for page in pages where page.offset > 0 || page.page.count < step {
            let expected = min(step, total - page.offset)
            if page.page.count > 0 && page.page.count < expected {
                pages = try await fetchSequentially(
                    query, from: page.offset + page.page.count, until: page.offset + expected, into: pages)
            }
        }
        return pages
    }

    /// Fetches pages one after another from `offset` until an empty page, the `until` offset, or the total.
    func fetchSequentially(
        _ query: RQLQuery, from offset: Int, until end: Int = .max, into pages: [FetchedPage]
    ) async throws -> [FetchedPage] {
        var pages = pages
        var offset = offset
        while offset < end {
            let page = try await fetchPage(query, offset: offset)
            guard page.page.count > 0 else { break }
            pages.append(page)
            offset += page.page.count
            if let total = page.range?.total, offset >= total { break }
        }
        return pages
    }

    func fetchPage(_ query: RQLQuery, offset: Int) async throws -> FetchedPage {
        let pathAndQuery = "/requests?\(query.queryString)&limit=\(configuration.pageSize)&offset=\(offset)"
        let result = try await get(pathAndQuery)
        let page = try RequestPageDecoder.decode(result.body)
        return FetchedPage(offset: offset, page: page, range: result.contentRange.flatMap(ContentRange.init(header:)))
    }
}
