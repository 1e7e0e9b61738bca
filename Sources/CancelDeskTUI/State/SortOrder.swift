import CancelDeskCore

/// How the list is ordered: a column and a direction. Ties keep the snapshot's order (oldest first). Names sort
/// folded (``TextFold``): case and accents aside, so `Łódź` sorts with L and `Çelik` with C, not after Z.
public struct SortOrder: Sendable, Equatable {
    /// The sortable columns, in the order `sort.next` cycles through them.
    public enum Key: String, Sendable, CaseIterable {
        case created, id, customer, product, subscription, environment, marketplace, assignee, sli

        /// The column after this one.
        public var next: Key {
            let all = Key.allCases
            return all[(all.firstIndex(of: self)! + 1) % all.count]
        }
    }

    public var key: Key
    public var ascending: Bool

    /// Oldest first by default.
    public init(key: Key = .created, ascending: Bool = true) {
        self.key = key
        self.ascending = ascending
    }

    /// "oldest first", "customer ↑", "customer ↓".
    public var label: String {
        if key == .created { return ascending ? "oldest first" : "newest first" }
        return "\(key.rawValue) \(ascending ? "↑" : "↓")"
    }

    /// All row indices of `table` in this order.
    func order(_ table: RequestTable) -> [Int] {
        let rows = table.rows
        let indices = Array(rows.indices)
        let ascending = self.ascending
        func by<T: Comparable>(_ value: (RequestRow) -> T) -> [Int] {
            let keys = rows.map(value)
            return indices.sorted { left, right in
                let a = keys[left]
                let b = keys[right]
                if a == b { return left < right }
                return ascending ? a < b : b < a
            }
        }
        switch key {
        case .created:
            return by { $0.created }
        case .id:
            return by { $0.idText }
        case .customer:
            return by { TextFold.fold($0.customer) }
        case .product:
            return by { TextFold.fold($0.product) }
        case .subscription:
            return by { $0.subscription }
        case .environment:
            return by { Self.environmentRank($0.environment) }
        case .marketplace:
            return by { TextFold.fold($0.marketplace) }
        case .assignee:
            return by { TextFold.fold($0.assignee) }
        case .sli:
            // Fewest SLI days first; requests without an SLI after those with one.
            return by { $0.sliDays ?? Int.max }
        }
    }

    private static func environmentRank(_ type: ConnectionType) -> Int {
        switch type {
        case .production: 0
        case .test: 1
        case .preview: 2
        case .unknown: 3
        }
    }
}
