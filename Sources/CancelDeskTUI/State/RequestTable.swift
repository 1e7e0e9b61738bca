public import CancelDeskCore
public import Foundation

/// The requests of one snapshot with their display rows and search text, index-aligned.
public struct RequestTable: Sendable {
    /// The requests as the engine listed them (for the detail view and the dialogs).
    public let requests: [FulfillmentRequest]
    /// The display rows, `rows[i]` for `requests[i]`.
    public let rows: [RequestRow]
    /// How many rows are flagged (the sanitizer replaced something).
    public let flaggedCount: Int
    let corpus: FilterCorpus
    private let positions: [String: Int]

    /// An empty table.
    public init() {
        requests = []
        rows = []
        corpus = FilterCorpus()
        positions = [:]
        flaggedCount = 0
    }

    /// Builds rows and search text for every request (sanitizing each field once).
    public init(_ requests: [FulfillmentRequest], subscriptionParameter: String) {
        var rows: [RequestRow] = []
        rows.reserveCapacity(requests.count)
        var corpus = FilterCorpus()
        var positions: [String: Int] = [:]
        positions.reserveCapacity(requests.count)
        for (index, request) in requests.enumerated() {
            let row = RequestRow(request, subscriptionParameter: subscriptionParameter)
            rows.append(row)
            corpus.append(row.searchFields(request))
            if positions[request.id] == nil { positions[request.id] = index }
        }
        self.requests = requests
        self.rows = rows
        self.corpus = corpus
        self.positions = positions
        flaggedCount = rows.reduce(0) { $0 + ($1.flagged ? 1 : 0) }
    }

    /// How many requests the table holds.
    public var count: Int { rows.count }

    /// The index of the request with this id.
    public func index(of id: String) -> Int? { positions[id] }

    /// The row of the request with this id.
    public func row(_ id: String) -> RequestRow? { positions[id].map { rows[$0] } }

    /// The request with this id.
    public func request(_ id: String) -> FulfillmentRequest? { positions[id].map { requests[$0] } }

    /// Whether a request with this id is in the table.
    public func contains(_ id: String) -> Bool { positions[id] != nil }
}

/// A snapshot from the engine made ready for the console (rows built, text sanitized). Built off the terminal
/// thread, so a large listing never stalls keys.
public struct LoadedSnapshot: Sendable {
    public let table: RequestTable
    public let skipped: [SkippedRecord]
    public let reportedTotal: Int
    /// When the listing was taken.
    public let at: Date

    /// Prepares `snapshot` (taken at `at`); `subscriptionParameter` names the vendor subscription id parameter.
    public init(_ snapshot: RequestSnapshot, subscriptionParameter: String, at: Date) {
        table = RequestTable(snapshot.requests, subscriptionParameter: subscriptionParameter)
        skipped = snapshot.skipped
        reportedTotal = snapshot.reportedTotal
        self.at = at
    }
}
