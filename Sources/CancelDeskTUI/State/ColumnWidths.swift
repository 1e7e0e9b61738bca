/// The widest value of each list column in a table, measured once per listing (off the terminal thread), so the
/// columns can fit their content: ids whole, names as wide as they need while there is room.
public struct ColumnWidths: Sendable, Equatable {
    public var id = 0
    public var subscription = 0
    public var customer = 0
    public var product = 0
    public var marketplace = 0
    public var assignee = 0

    /// No rows.
    public init() {}

    /// The widths of the fixture-sized rows a list shows before anything is listed.
    static let typical: ColumnWidths = {
        var widths = ColumnWidths()
        widths.id = 21
        widths.subscription = 12
        widths.customer = 24
        widths.product = 16
        widths.marketplace = 12
        widths.assignee = 16
        return widths
    }()

    /// Widens each column to hold `row`.
    mutating func include(_ row: RequestRow) {
        id = max(id, Self.width(row.idText))
        subscription = max(subscription, Self.width(row.subscription))
        customer = max(customer, Self.width(row.customer))
        product = max(product, Self.width(row.product))
        marketplace = max(marketplace, Self.width(ListColumns.marketplaceText(row.marketplace)))
        assignee = max(assignee, Self.width(row.assignee))
    }

    /// The columns `text` takes, counted up to 200 (no column is wider).
    static func width(_ text: String) -> Int {
        if SafeText.isPrintableASCII(text) { return min(text.utf8.count, 200) }
        return DisplayWidth.of(text, upTo: 200)
    }
}
