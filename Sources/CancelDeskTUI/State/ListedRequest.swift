public import CancelDeskCore

/// A request as the console keeps it from a listing: its row and its search text, made from the full request
/// while its page is being listed (off the terminal thread). The full request is not kept; the detail view
/// reads it again when opened.
public struct ListedRequest: Sendable {
    public let row: RequestRow
    /// The lower-cased search text (``FilterCorpus/text(_:)``), moved into the table's corpus.
    let search: [UInt8]

    /// The row and search text of `request`; `pool` shares repeated labels among rows.
    public init(_ request: FulfillmentRequest, subscriptionParameter: String, pool: StringPool? = nil) {
        row = RequestRow(request, subscriptionParameter: subscriptionParameter, pool: pool)
        search = FilterCorpus.text(row.searchFields(request))
    }

    /// What a listing keeps of each request for the console: one pool for the whole listing.
    public static func maker(subscriptionParameter: String) -> @Sendable (FulfillmentRequest) -> ListedRequest {
        let pool = StringPool()
        return { ListedRequest($0, subscriptionParameter: subscriptionParameter, pool: pool) }
    }
}
