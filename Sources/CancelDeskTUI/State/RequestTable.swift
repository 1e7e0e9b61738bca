public import CancelDeskCore
public import Foundation

/// The listed requests as the console keeps them: display rows and their search text, index-aligned. The full
/// requests are not kept (the detail view reads one when it opens).
public struct RequestTable: Sendable {
    /// The display rows, in listing order.
    public var rows: RequestRows { RequestRows(listed: listed) }
    /// How many rows are flagged (the sanitizer replaced something).
    public let flaggedCount: Int
    /// The widest value of each list column (the columns fit their content).
    public let widths: ColumnWidths
    let corpus: FilterCorpus
    /// The listing's entries, search text moved into ``corpus``.
    private let listed: [ListedRequest]
    private let positions: [String: Int]

    /// An empty table.
    public init() {
        listed = []
        corpus = FilterCorpus()
        positions = [:]
        flaggedCount = 0
        widths = ColumnWidths()
    }

    /// The table of `listed` (rows and search text made while listing).
    public init(_ listed: [ListedRequest]) {
        var listed = listed
        self.init(taking: &listed)
    }

    /// The table of `listed`, taken without copying its rows: each entry's search text moves into the corpus
    /// and `listed` is left empty.
    init(taking listed: inout [ListedRequest]) {
        var corpus = FilterCorpus()
        corpus.reserve(rows: listed.count, bytes: listed.reduce(0) { $0 + $1.search.count })
        var positions: [String: Int] = [:]
        positions.reserveCapacity(listed.count)
        var flagged = 0
        var widths = ColumnWidths()
        for index in listed.indices {
            corpus.append(text: listed[index].search)
            listed[index].search = []
            let row = listed[index].row
            if positions[row.id] == nil { positions[row.id] = index }
            if row.flagged { flagged += 1 }
            widths.include(row)
        }
        self.listed = listed
        listed = []
        self.corpus = corpus
        self.positions = positions
        flaggedCount = flagged
        self.widths = widths
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

    /// Prepares `listing` (taken at `at`), whose rows ``ListedRequest/maker(subscriptionParameter:previous:)`` made.
    public init(_ listing: consuming RequestListing<ListedRequest>, at: Date) {
        skipped = listing.skipped
        reportedTotal = listing.reportedTotal
        // Taken out of the listing, so the table keeps the only reference and no row is copied.
        var rows: [ListedRequest] = []
        swap(&rows, &listing.rows)
        table = RequestTable(taking: &rows)
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
