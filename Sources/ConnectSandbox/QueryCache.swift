import ConnectWire

/// Filtered and ordered row positions per (collection, query), valid for one data version.
///
/// Paging a 100,000-row queue 100 rows at a time then costs one filter+sort for the first page and O(page) after.
struct QueryCache {
    private struct Entry {
        var version: UInt64
        var rows: [Int32]
        var lastUse: UInt64
    }

    private var entries: [String: Entry] = [:]
    private var clock: UInt64 = 0
    let capacity: Int

    init(capacity: Int = 32) {
        self.capacity = capacity
    }

    mutating func rows(for key: String, version: UInt64) -> [Int32]? {
        guard var entry = entries[key], entry.version == version else { return nil }
        clock += 1
        entry.lastUse = clock
        entries[key] = entry
        return entry.rows
    }

    mutating func store(_ rows: [Int32], for key: String, version: UInt64) {
        clock += 1
        if entries[key] == nil, entries.count >= capacity,
            let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key
        {
            entries[oldest] = nil
        }
        entries[key] = Entry(version: version, rows: rows, lastUse: clock)
    }
}

/// A list query made executable for one collection: predicate, sort keys and cache key.
struct CompiledQuery<Row>: Sendable {
    let predicate: RQLCompiler.Predicate<Row>?
    let sortKeys: [(key: @Sendable (Row) -> SortKey, descending: Bool)]
    let key: String

    init(_ query: RQLQuery, fields: FieldTable<Row>) {
        predicate = query.filter.flatMap { RQLCompiler.predicate($0, fields: fields) }
        sortKeys = RQLCompiler.sortKeys(query.ordering, fields: fields)
        key = query.resultKey
    }

    /// Positions of the matching rows, ordered; ties (and no ordering) keep storage order.
    func evaluate(_ rows: [Row]) -> [Int32] {
        var matches: [Int32] = []
        if let predicate {
            for index in rows.indices where predicate(rows[index]) { matches.append(Int32(index)) }
        } else {
            matches = (0..<Int32(rows.count)).map { $0 }
        }
        guard !sortKeys.isEmpty else { return matches }
        let columns: [[SortKey]] = sortKeys.map { sort in matches.map { sort.key(rows[Int($0)]) } }
        let descending = sortKeys.map(\.descending)
        let order = matches.indices.sorted { left, right in
            for column in columns.indices {
                let a = columns[column][left]
                let b = columns[column][right]
                if a != b { return descending[column] ? a > b : a < b }
            }
            return left < right
        }
        return order.map { matches[$0] }
    }
}

/// One page of a collection and its `Content-Range`.
struct Page<Item: Sendable>: Sendable {
    var items: [Item]
    var total: Int
    var offset: Int

    var contentRange: String {
        ContentRange(offset: offset, count: items.count, total: total).description
    }

    /// The slice of `0..<total` a `limit`/`offset` pair asks for: limit defaults to 100 and is capped at `cap`.
    static func window(limit: Int?, offset: Int?, cap: Int, total: Int) -> (range: Range<Int>, offset: Int) {
        let size = min(limit ?? 100, max(cap, 1))
        let start = offset ?? 0
        guard size > 0, start < total else { return (0..<0, size == 0 ? 0 : start) }
        return (start..<min(start + size, total), start)
    }
}
