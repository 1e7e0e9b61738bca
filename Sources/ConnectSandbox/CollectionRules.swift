/// The filters one collection declares in Connect's spec, and the checks Connect's RQL library makes with them.
///
/// A query is refused (400 with Connect's `{"error_code", "errors"}` body) for an unknown field, a lookup the
/// field does not allow (`ne()` on `asset.connection.type`), a value outside the field's enum, an ordering field
/// the spec does not mark as orderable (`ordering(id)`), more than one `ordering()` term, or a `select` of a path
/// that is neither a field, a namespace of fields (`asset`) nor a property the collection renders.
struct CollectionRules: Sendable {
    /// The error code of a refused query (the sandbox's own; Connect's is not documented).
    static let errorCode = "RQL_001"

    private let fields: [String: FieldRule]
    /// Proper prefixes of dotted field names (`asset`, `asset.connection`): selectable as a whole.
    private let namespaces: Set<String>
    /// Rendered properties that are not filters but may be selected (`note`, `asset.tiers.customer.contact_info`).
    private let properties: Set<String>

    init(_ fields: [String: FieldRule], properties: Set<String> = []) {
        self.fields = fields
        var namespaces = Set<String>()
        for name in fields.keys {
            let parts = name.split(separator: ".")
            for end in parts.indices.dropLast() { namespaces.insert(parts[...end].joined(separator: ".")) }
        }
        self.namespaces = namespaces
        self.properties = properties
    }

    /// The same rules with one field's rule replaced.
    func replacing(_ name: String, with rule: FieldRule) -> CollectionRules {
        var fields = self.fields
        fields[name] = rule
        return CollectionRules(fields, properties: properties)
    }

    func rule(_ name: String) -> FieldRule? {
        fields[name]
    }

    /// Throws the 400 Connect answers when `query` breaks one of the rules.
    func check(_ query: RQLQuery) throws(ConnectFailure) {
        if let filter = query.filter { try check(filter) }
        guard query.orderingTerms <= 1 else {
            throw Self.refusal("Only one ordering() term is allowed, the query has \(query.orderingTerms).")
        }
        for order in query.ordering {
            guard let rule = fields[order.field] else {
                throw Self.refusal("Bad ordering: unknown field \"\(order.field)\".")
            }
            guard rule.orderable else { throw Self.refusal("Bad ordering: \"\(order.field)\" cannot be ordered by.") }
        }
        for path in query.selected where fields[path] == nil && !namespaces.contains(path) {
            guard properties.contains(path) else { throw Self.refusal("Bad select: unknown field \"\(path)\".") }
        }
    }

    private func check(_ expression: RQLExpression) throws(ConnectFailure) {
        switch expression {
        case .and(let children), .or(let children):
            for child in children { try check(child) }
        case .not(let child):
            try check(child)
        case .compare(let comparison, let field, let value):
            let rule = try filter(field)
            try allow(RQLLookup(comparison, value: value), on: field, rule)
            if case .text(let text) = value, comparison != .like, comparison != .ilike {
                try allow(value: text, on: field, rule)
            }
        case .member(let field, let values, let negated):
            let rule = try filter(field)
            try allow(negated ? .out : .in, on: field, rule)
            for case .text(let text) in values { try allow(value: text, on: field, rule) }
        }
    }

    private func filter(_ field: String) throws(ConnectFailure) -> FieldRule {
        guard let rule = fields[field] else { throw Self.refusal("Bad filter query: unknown field \"\(field)\".") }
        return rule
    }

    private func allow(_ lookup: RQLLookup, on field: String, _ rule: FieldRule) throws(ConnectFailure) {
        guard rule.lookups.contains(lookup) else {
            let allowed = rule.lookups.map(\.rawValue).sorted().joined(separator: ", ")
            throw Self.refusal(
                "Bad filter query: lookup \"\(lookup.rawValue)\" is not supported for \"\(field)\" "
                    + (allowed.isEmpty ? "(it can only be selected)." : "(supported: \(allowed))."))
        }
    }

    private func allow(value: String, on field: String, _ rule: FieldRule) throws(ConnectFailure) {
        guard let values = rule.values, !values.contains(value) else { return }
        let shown = value.count > 60 ? String(value.prefix(60)) + "…" : value
        let choices = values.joined(separator: ", ")
        throw Self.refusal("Bad filter value: \"\(shown)\" is not a valid choice for \"\(field)\" (\(choices)).")
    }

    static func refusal(_ message: String) -> ConnectFailure {
        ConnectFailure(status: 400, code: errorCode, message: message)
    }
}
