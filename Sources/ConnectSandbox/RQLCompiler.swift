/// How a filterable field is read from a row.
enum FieldAccessor<Row>: Sendable {
    /// One text value; nil or "" is null.
    case text(@Sendable (Row) -> String?)
    /// Any of several values (e.g. every parameter's value).
    case many(@Sendable (Row) -> [String])
    /// A timestamp in microseconds; compared as time, not as text.
    case time(@Sendable (Row) -> Int64?)
}

/// How one collection's fields are read. Names it does not know restrict nothing: the names a query may use at all
/// are checked before, by `CollectionRules`.
struct FieldTable<Row>: Sendable {
    private let fields: [String: FieldAccessor<Row>]

    init(_ fields: [String: FieldAccessor<Row>]) {
        self.fields = fields
    }

    /// `asset__product__id` and `asset.product.id` name the same field.
    func accessor(_ name: String) -> FieldAccessor<Row>? {
        fields[name] ?? fields[name.replacing("__", with: ".")]
    }
}

/// A value rows are sorted by.
enum SortKey: Comparable, Sendable {
    case null
    case number(Int64)
    case text(String)
}

/// Turns `RQLExpression`s into row predicates and `ordering(...)` into sort keys.
enum RQLCompiler {
    typealias Predicate<Row> = @Sendable (Row) -> Bool

    /// Nil means "no restriction": an unknown field, or only unknown fields, as DJRQL's empty `Q()`.
    static func predicate<Row>(_ expression: RQLExpression, fields: FieldTable<Row>) -> Predicate<Row>? {
        switch expression {
        case .and(let children):
            let parts = children.compactMap { predicate($0, fields: fields) }
            if parts.isEmpty { return nil }
            if parts.count == 1 { return parts[0] }
            return { row in parts.allSatisfy { $0(row) } }
        case .or(let children):
            let parts = children.compactMap { predicate($0, fields: fields) }
            if parts.isEmpty { return nil }
            if parts.count == 1 { return parts[0] }
            return { row in parts.contains { $0(row) } }
        case .not(let child):
            guard let inner = predicate(child, fields: fields) else { return nil }
            return { row in !inner(row) }
        case .compare(let comparison, let field, let value):
            guard let accessor = fields.accessor(field) else { return nil }
            return compare(accessor, comparison, value)
        case .member(let field, let values, let negated):
            guard let accessor = fields.accessor(field) else { return nil }
            let matchers = values.map { compare(accessor, .eq, $0) }
            if negated { return { row in !matchers.contains { $0(row) } } }
            return { row in matchers.contains { $0(row) } }
        }
    }

    private static func compare<Row>(
        _ accessor: FieldAccessor<Row>, _ comparison: RQLComparison, _ value: RQLValue
    ) -> Predicate<Row> {
        if comparison == .ne {
            let equal = compare(accessor, .eq, value)
            return { row in !equal(row) }
        }
        switch accessor {
        case .text(let read):
            let test = textTest(comparison, value)
            return { row in test(read(row)) }
        case .many(let read):
            let test = textTest(comparison, value)
            return { row in
                let values = read(row)
                return values.isEmpty ? test(nil) : values.contains { test($0) }
            }
        case .time(let read):
            let test = timeTest(comparison, value)
            return { row in test(read(row)) }
        }
    }

    private static func textTest(_ comparison: RQLComparison, _ value: RQLValue) -> @Sendable (String?) -> Bool {
        guard case .text(let wanted) = value else {
            // eq(field,null()): null or empty; other comparisons with null match nothing.
            if comparison == .eq { return { value in value == nil || value == "" } }
            return { _ in false }
        }
        switch comparison {
        case .eq, .ne: return { $0 == wanted }
        case .gt: return { $0.map { $0 > wanted } ?? false }
        case .ge: return { $0.map { $0 >= wanted } ?? false }
        case .lt: return { $0.map { $0 < wanted } ?? false }
        case .le: return { $0.map { $0 <= wanted } ?? false }
        case .like:
            let pattern = GlobPattern(wanted, caseInsensitive: false)
            return { $0.map { pattern.matches($0) } ?? false }
        case .ilike:
            let pattern = GlobPattern(wanted, caseInsensitive: true)
            return { $0.map { pattern.matches($0) } ?? false }
        }
    }

    private static func timeTest(_ comparison: RQLComparison, _ value: RQLValue) -> @Sendable (Int64?) -> Bool {
        guard case .text(let text) = value else {
            if comparison == .eq { return { value in value == nil } }
            return { _ in false }
        }
        if comparison == .like || comparison == .ilike {
            let pattern = GlobPattern(text, caseInsensitive: comparison == .ilike)
            return { $0.map { pattern.matches(ISOTime.format($0)) } ?? false }
        }
        guard let wanted = ISOTime.parse(text) else { return { _ in false } }
        switch comparison {
        case .eq, .ne, .like, .ilike: return { $0 == wanted }
        case .gt: return { $0.map { $0 > wanted } ?? false }
        case .ge: return { $0.map { $0 >= wanted } ?? false }
        case .lt: return { $0.map { $0 < wanted } ?? false }
        case .le: return { $0.map { $0 <= wanted } ?? false }
        }
    }

    /// Sort-key readers for `ordering(...)`; unknown fields are dropped.
    static func sortKeys<Row>(
        _ ordering: [RQLOrder], fields: FieldTable<Row>
    ) -> [(key: @Sendable (Row) -> SortKey, descending: Bool)] {
        ordering.compactMap { order in
            guard let accessor = fields.accessor(order.field) else { return nil }
            let key: @Sendable (Row) -> SortKey
            switch accessor {
            case .text(let read): key = { read($0).map { SortKey.text($0) } ?? .null }
            case .many(let read): key = { read($0).first.map { SortKey.text($0) } ?? .null }
            case .time(let read): key = { read($0).map { SortKey.number($0) } ?? .null }
            }
            return (key, order.descending)
        }
    }
}

/// `like`/`ilike` patterns: `*` matches any run of characters, everything else is literal.
struct GlobPattern: Sendable {
    private let parts: [String]
    private let anchoredStart: Bool
    private let anchoredEnd: Bool
    private let caseInsensitive: Bool

    init(_ pattern: String, caseInsensitive: Bool) {
        let text = caseInsensitive ? pattern.lowercased() : pattern
        parts = text.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        anchoredStart = !text.hasPrefix("*")
        anchoredEnd = !text.hasSuffix("*")
        self.caseInsensitive = caseInsensitive
    }

    func matches(_ candidate: String) -> Bool {
        let text = caseInsensitive ? candidate.lowercased() : candidate
        if parts.count == 1 { return text == parts[0] }
        var rest = text[...]
        for (index, part) in parts.enumerated() where !part.isEmpty {
            if index == 0 && anchoredStart {
                guard rest.hasPrefix(part) else { return false }
                rest = rest.dropFirst(part.count)
            } else if index == parts.count - 1 && anchoredEnd {
                return rest.hasSuffix(part)
            } else {
                guard let range = rest.firstRange(of: part) else { return false }
                rest = rest[range.upperBound...]
            }
        }
        return true
    }
}
