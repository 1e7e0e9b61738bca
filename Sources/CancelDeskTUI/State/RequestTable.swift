public import CancelDeskCore
public import Foundation

/// The listed requests as the console keeps them: display rows and their search text, index-aligned. The full
/// requests are not kept (the detail view reads one when it opens).
public struct RequestTable: Sendable {
    /// The display rows, in listing order.
    public let rows: [RequestRow]
    /// How many rows are flagged (the sanitizer replaced something).
    public let flaggedCount: Int
    let corpus: FilterCorpus
    private let positions: [String: Int]

    /// An empty table.
    public init() {
        rows = []
        corpus = FilterCorpus()
        positions = [:]
        flaggedCount = 0
    }

    /// The table of `listed` (rows and search text made while listing).
    public init(_ listed: [ListedRequest]) {
        var rows: [RequestRow] = []
        rows.reserveCapacity(listed.count)
        var corpus = FilterCorpus()
        corpus.reserve(rows: listed.count, bytes: listed.reduce(0) { $0 + $1.search.count })
        var positions: [String: Int] = [:]
        positions.reserveCapacity(listed.count)
        var flagged = 0
        for (index, entry) in listed.enumerated() {
            rows.append(entry.row)
            corpus.append(text: entry.search)
            if positions[entry.row.id] == nil { positions[entry.row.id] = index }
            if entry.row.flagged { flagged += 1 }
        }
        self.rows = rows
        self.corpus = corpus
        self.positions = positions
        flaggedCount = flagged
    }

    /// Builds rows and search text for every request (sanitizing each field once).
    public init(_ requests: [FulfillmentRequest], subscriptionParameter: String) {
        let pool = StringPool()
        self.init(requests.map { ListedRequest($0, subscriptionParameter: subscriptionParameter, pool: pool) })
    }

    /// How many requests the table holds.
    public var count: Int { rows.count }

    /// The index of the request with this id.
    public func index(of id: String) -> Int? { positions[id] }

    /// The row of the request with this id.
    public func row(_ id: String) -> RequestRow? { positions[id].map { rows[$0] } }

    /// Whether a request with this id is in the table.
    public func contains(_ id: String) -> Bool { positions[id] != nil }
}

/// A listing from the engine made ready for the console (rows built, text sanitized). Built off the terminal
/// thread, so a large listing never stalls keys.
public struct LoadedSnapshot: Sendable {
    public let table: RequestTable
    public let skipped: [SkippedRecord]
    public let reportedTotal: Int
    /// When the listing was taken.
    public let at: Date

    /// Prepares `listing` (taken at `at`), whose rows ``ListedRequest/maker(subscriptionParameter:)`` made.
    public init(_ listing: consuming RequestListing<ListedRequest>, at: Date) {
        skipped = listing.skipped
        reportedTotal = listing.reportedTotal
        table = RequestTable(listing.rows)
        self.at = at
    }

    /// Prepares a full `snapshot` (taken at `at`); `subscriptionParameter` names the vendor subscription id
    /// parameter.
    public init(_ snapshot: RequestSnapshot, subscriptionParameter: String, at: Date) {
        table = RequestTable(snapshot.requests, subscriptionParameter: subscriptionParameter)
        skipped = snapshot.skipped
        reportedTotal = snapshot.reportedTotal
        self.at = at
    }
}
