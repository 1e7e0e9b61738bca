/// An RQL lookup, as Connect's spec names the lookups each filter allows.
enum RQLLookup: String, Sendable, Hashable {
    case eq, ne, like, ilike, null, `in`, out, gt, ge, lt, le

    /// The lookup a comparison makes: `eq`/`ne` against `null()` is the `null` lookup.
    init(_ comparison: RQLComparison, value: RQLValue) {
        if value == .null && (comparison == .eq || comparison == .ne) {
            self = .null
            return
        }
        switch comparison {
        case .eq: self = .eq
        case .ne: self = .ne
        case .gt: self = .gt
        case .ge: self = .ge
        case .lt: self = .lt
        case .le: self = .le
        case .like: self = .like
        case .ilike: self = .ilike
        }
    }
}

/// What Connect's spec allows for one filter of a collection: its lookups, whether it orders, its enum values.
///
/// A filter with no lookups is select-only (`select(-activation_key)`): it may be selected, never filtered on.
struct FieldRule: Sendable {
    let lookups: Set<RQLLookup>
    let orderable: Bool
    /// The enum values compared values must be one of; nil: any value.
    let values: [String]?

    /// - Parameter lookups: the lookups separated by spaces, as the spec lists them (`"eq ne like ilike in out"`).
    init(_ lookups: String, ordering: Bool = false, values: [String]? = nil) {
        self.lookups = Set(lookups.split(separator: " ").compactMap { RQLLookup(rawValue: String($0)) })
        self.orderable = ordering
        self.values = values
    }

    /// The same rule with more enum values accepted.
    func accepting(_ more: [String]) -> FieldRule {
        let names = lookups.map(\.rawValue).sorted().joined(separator: " ")
        return FieldRule(names, ordering: orderable, values: (values ?? []) + more)
    }
}
