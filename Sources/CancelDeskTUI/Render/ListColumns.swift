/// The list's columns for a terminal width and the table's content. Ids (the request and the vendor subscription)
/// are what an operator copies: they are shown whole or not at all. Names (customer, product, marketplace,
/// assignee) are cut instead, sharing the room that is left as evenly as their content allows.
struct ListColumns {
    enum Column: CaseIterable {
        case id, age, environment, customer, subscription, product, marketplace, assignee

        var title: String {
            switch self {
            case .id: "REQUEST"
            case .age: "AGE"
            case .environment: "ENV"
            case .customer: "CUSTOMER"
            case .subscription: "VENDOR SUB"
            case .product: "PRODUCT"
            case .marketplace: "MARKETPLACE"
            case .assignee: "ASSIGNEE"
            }
        }

        var sortKey: SortOrder.Key {
            switch self {
            case .id: .id
            case .age: .created
            case .environment: .environment
            case .customer: .customer
            case .subscription: .subscription
            case .product: .product
            case .marketplace: .marketplace
            case .assignee: .assignee
            }
        }

        /// The narrowest a name column gets (it is left out below this).
        var minimum: Int {
            switch self {
            case .age, .environment: 4
            case .customer: 10
            default: 8
            }
        }

        /// The widest a name column gets.
        static let maximumName = 40
    }

    /// The markers before the columns: selected, marked, flagged, state; then a space.
    static let markerWidth = 5

    /// The order columns are drawn in.
    static let order: [Column] = [.id, .age, .environment, .customer, .subscription, .product, .marketplace, .assignee]

    /// The columns shown, in order, with their start column and width.
    let layout: [(column: Column, x: Int, width: Int)]

    /// The layout for `width` terminal columns and rows whose widest values are `content`.
    init(width: Int, content: ColumnWidths = .typical) {
        var widths: [Column: Int] = [:]
        var left = width - Self.markerWidth
        func take(_ column: Column, _ columnWidth: Int) {
            widths[column] = columnWidth
            left -= columnWidth + 1
        }
        take(.id, max(content.id, 7))
        take(.age, 4)
        take(.environment, 4)
        // The vendor subscription id whole, when that still leaves the customer name its minimum.
        let subscription = max(content.subscription, 10)
        if left >= subscription + 1 + Column.customer.minimum + 1 { take(.subscription, subscription) }
        let names: [(Column, Int)] = [
            (.customer, content.customer), (.product, content.product), (.marketplace, content.marketplace),
            (.assignee, content.assignee),
        ]
        var shown: [(column: Column, wanted: Int)] = []
        for (column, longest) in names {
            guard left >= column.minimum + 1 else { break }
            let wanted = min(max(longest, column.title.count, column.minimum), Column.maximumName)
            take(column, column.minimum)
            shown.append((column, wanted))
        }
        // What is left goes one cell at a time to the names still narrower than their content, in turn.
        var growing = shown.filter { widths[$0.column]! < $0.wanted }
        while left > 0, !growing.isEmpty {
            for (column, _) in growing where left > 0 {
                widths[column]! += 1
                left -= 1
            }
            growing.removeAll { widths[$0.column]! >= $0.wanted }
        }
        if left > 0, let first = shown.first { widths[first.column]! += left }
        var x = Self.markerWidth
        var layout: [(Column, Int, Int)] = []
        for column in Self.order {
            guard let columnWidth = widths[column] else { continue }
            layout.append((column, x, columnWidth))
            x += columnWidth + 1
        }
        self.layout = layout
    }

    /// The sort keys of the columns shown, in order (what `<` and `>` step through).
    var sortKeys: [SortOrder.Key] { layout.map(\.column.sortKey) }

    /// A marketplace name as the column shows it: without a leading "Marketplace " (the header says it), so the
    /// part that tells marketplaces apart fits.
    static func marketplaceText(_ name: String) -> String {
        let prefix = "marketplace "
        guard name.utf8.count > prefix.utf8.count, name.prefix(prefix.count).lowercased() == prefix else { return name }
        return String(name.dropFirst(prefix.count))
    }
}
