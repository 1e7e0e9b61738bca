/// The list's columns for a terminal width: fixed ones always, flexible ones while they fit at their minimum,
/// widened by weight with what is left.
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

        /// Fixed width, or nil for flexible columns.
        var fixed: Int? {
            switch self {
            case .id: 21
            case .age: 4
            case .environment: 4
            default: nil
            }
        }

        var minimum: Int {
            switch self {
            case .customer: 14
            case .subscription: 12
            case .product: 10
            case .marketplace, .assignee: 12
            default: fixed ?? 0
            }
        }

        var maximum: Int {
            switch self {
            case .subscription, .product, .assignee: 28
            case .marketplace: 22
            default: Int.max
            }
        }

        var weight: Int {
            switch self {
            case .customer: 4
            case .subscription, .product: 2
            default: 1
            }
        }
    }

    /// The markers before the columns: selected, marked, flagged, state; then a space.
    static let markerWidth = 5

    /// The columns shown, in order, with their start column and width.
    let layout: [(column: Column, x: Int, width: Int)]

    init(width: Int) {
        let order: [Column] = [.id, .age, .environment, .customer, .subscription, .product, .marketplace, .assignee]
        let fixed = order.filter { $0.fixed != nil }
        var available = width - Self.markerWidth - fixed.reduce(0) { $0 + $1.minimum + 1 }
        var flexible: [Column] = []
        for column in order where column.fixed == nil {
            guard available >= column.minimum + 1 else { break }
            flexible.append(column)
            available -= column.minimum + 1
        }
        var widths: [Column: Int] = [:]
        for column in flexible { widths[column] = column.minimum }
        // Share what is left by weight, one round at a time, respecting maxima.
        while available > 0 {
            let growing = flexible.filter { widths[$0]! < $0.maximum }
            guard !growing.isEmpty else { break }
            let totalWeight = growing.reduce(0) { $0 + $1.weight }
            var given = 0
            for column in growing {
                let share = max(available * column.weight / totalWeight, 1)
                let grant = min(share, column.maximum - widths[column]!, available - given)
                guard grant > 0 else { continue }
                widths[column]! += grant
                given += grant
            }
            guard given > 0 else { break }
            available -= given
        }
        var x = Self.markerWidth
        var layout: [(Column, Int, Int)] = []
        for column in order where column.fixed != nil || widths[column] != nil {
            let width = column.fixed ?? widths[column]!
            layout.append((column, x, width))
            x += width + 1
        }
        self.layout = layout
    }
}
