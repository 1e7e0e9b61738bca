public import CancelDeskCore

/// A request as the console keeps it from a listing: its row and its search text, made from the full request
/// while its page is being listed (off the terminal thread). The full request is not kept; the detail view
/// reads it again when opened.
public struct ListedRequest: Sendable {
    public let row: RequestRow
    /// The lower-cased search text (``FilterCorpus/text(_:)``); emptied once moved into the table's corpus.
    var search: [UInt8]

    /// The row and search text of `request`; `pool` shares repeated labels among rows; when `previous` (the
    /// table shown now) holds the same row, that row is kept instead, sharing its storage: during a refresh
    /// the unchanged requests then cost no new text.
    public init(
        _ request: FulfillmentRequest, subscriptionParameter: String, pool: StringPool? = nil,
        previous: RequestTable? = nil
    ) {
        let made = RequestRow(request, subscriptionParameter: subscriptionParameter, pool: pool)
        if let old = previous?.row(made.id), old == made { row = old } else { row = made }
        if let pool {
            search = FilterCorpus.text(row.searchFields(request), fold: pool.folded)
        } else {
            search = FilterCorpus.text(row.searchFields(request))
        }
    }

    /// What a listing keeps of each request for the console: one pool for the whole listing, rows shared with
    /// `previous` (the table shown now) where unchanged.
    public static func maker(
        subscriptionParameter: String, previous: RequestTable? = nil
    ) -> @Sendable (FulfillmentRequest) -> ListedRequest {
        let pool = StringPool()
        return { ListedRequest($0, subscriptionParameter: subscriptionParameter, pool: pool, previous: previous) }
    }
}
