/// A filter value: text, or `null()`.
enum RQLValue: Sendable, Equatable, Hashable {
    case text(String)
    case null
}

/// Comparison operators on one value.
enum RQLComparison: String, Sendable {
    case eq, ne, gt, ge, lt, le, like, ilike
}

/// A filter with meaning given: what `RQLCompiler` turns into a predicate.
indirect enum RQLExpression: Sendable, Equatable {
    case and([RQLExpression])
    case or([RQLExpression])
    case not(RQLExpression)
    case compare(RQLComparison, field: String, value: RQLValue)
    /// `in` (`negated == false`) or `out`.
    case member(field: String, values: [RQLValue], negated: Bool)
}

/// One `ordering(...)` key.
struct RQLOrder: Sendable, Equatable {
    var field: String
    var descending: Bool
}

/// A list call's query string, understood: filter, `select`, `ordering`, `limit` and `offset`.
struct RQLQuery: Sendable, Equatable {
    var filter: RQLExpression?
    /// Paths from `select(-a,-b.c)` to drop from the output; positive selections are ignored.
    var excluded: [String] = []
    /// Every path named in `select(...)`, without its `+`/`-` sign (checked against the collection's fields).
    var selected: [String] = []
    var ordering: [RQLOrder] = []
    /// How many `ordering(...)` terms the query had (Connect allows one).
    var orderingTerms = 0
    var limit: Int?
    var offset: Int?
    /// The query without paging: the cache key of the filtered, ordered result.
    var resultKey: String = ""

    /// Parses a raw (still percent-encoded) query string.
    init(rawQuery: String?) throws(RQLError) {
        guard let rawQuery, let term = try RQLParser.parse(rawQuery) else { return }
        let terms: [RQLTerm]
        if case .call("and", let parts) = term { terms = parts } else { terms = [term] }
        var filters: [RQLExpression] = []
        for part in terms {
            if try takeDirective(part) { continue }
            filters.append(try Self.expression(part))
        }
        filter = filters.isEmpty ? nil : (filters.count == 1 ? filters[0] : .and(filters))
        resultKey = "\(filter.map { "\($0)" } ?? "")|\(ordering.map { ($0.descending ? "-" : "") + $0.field })"
    }

    init(filter: RQLExpression?) {
        self.filter = filter
    }

    /// `select`, `ordering`, `limit`, `offset` (as calls or as `limit=10` / `limit=eq=10`); false for a filter term.
    private mutating func takeDirective(_ term: RQLTerm) throws(RQLError) -> Bool {
        switch term {
        case .call("select", let arguments):
            for argument in arguments {
                let text = try Self.text(argument)
                if text.hasPrefix("-") { excluded.append(String(text.dropFirst())) }
                selected.append(text.hasPrefix("-") || text.hasPrefix("+") ? String(text.dropFirst()) : text)
            }
            return true
        case .call("ordering", let arguments), .call("order", let arguments), .call("sort", let arguments):
            orderingTerms += 1
            for argument in arguments {
                var text = try Self.text(argument)
                let descending = text.hasPrefix("-")
                if descending || text.hasPrefix("+") { text.removeFirst() }
                if !text.isEmpty { ordering.append(RQLOrder(field: text, descending: descending)) }
            }
            return true
        case .call("limit", let arguments):
            if let first = arguments.first { limit = Self.integer(try Self.text(first)) }
            if arguments.count > 1 { offset = Self.integer(try Self.text(arguments[1])) }
            return true
        case .call("offset", let arguments):
            if let first = arguments.first { offset = Self.integer(try Self.text(first)) }
            return true
        case .call("eq", let arguments) where arguments.count == 2:
            guard case .word(let name, _) = arguments[0], name == "limit" || name == "offset" else { return false }
            let value = Self.integer(try Self.text(arguments[1]))
            if name == "limit" { limit = value } else { offset = value }
            return true
        default:
            return false
        }
    }

    /// A non-negative integer, or nil (which means "the default") for anything else.
    private static func integer(_ text: String) -> Int? {
        guard let value = Int(text), value >= 0 else { return nil }
        return value
    }

    private static func text(_ term: RQLTerm) throws(RQLError) -> String {
        guard case .word(let text, _) = term else { throw RQLError("Bad filter query: expected a name.") }
        return text
    }

    static func value(_ term: RQLTerm) throws(RQLError) -> RQLValue {
        switch term {
        case .word(let text, let quoted):
            return !quoted && text == "null" ? .null : .text(text)
        case .call("null", let arguments) where arguments.isEmpty:
            return .null
        case .call("empty", let arguments) where arguments.isEmpty:
            return .text("")
        case .call(let name, let arguments) where arguments.isEmpty && (name == "true" || name == "false"):
            return .text(name)
        default:
            throw RQLError("Bad filter query: a list or call is not a value here.")
        }
    }

    /// A filter term: logical operators, comparisons and `in`/`out`.
    static func expression(_ term: RQLTerm) throws(RQLError) -> RQLExpression {
        guard case .call(let name, let arguments) = term else {
            throw RQLError("Bad filter query: expected an operator, got a value.")
        }
        switch name {
        case "and", "or":
            var children: [RQLExpression] = []
            for argument in arguments { children.append(try expression(argument)) }
            guard !children.isEmpty else { throw RQLError("Bad filter query: \(name)() needs arguments.") }
            return name == "and" ? .and(children) : .or(children)
        case "not":
            guard arguments.count == 1 else { throw RQLError("Bad filter query: not() takes one expression.") }
            return .not(try expression(arguments[0]))
        case "in", "out":
            guard arguments.count >= 2 else { throw RQLError("Bad filter query: \(name)() needs a field and values.") }
            let field = try text(arguments[0])
            var values: [RQLValue] = []
            for argument in arguments.dropFirst() {
                if case .group(let items) = argument {
                    for item in items { values.append(try value(item)) }
                } else {
                    values.append(try value(argument))
                }
            }
            return .member(field: field, values: values, negated: name == "out")
        default:
            guard let comparison = RQLComparison(rawValue: name) else {
                throw RQLError("Bad filter query: unknown operator '\(name)'.")
            }
            guard arguments.count == 2 else {
                throw RQLError("Bad filter query: \(name)() takes a field and a value.")
            }
            return .compare(comparison, field: try text(arguments[0]), value: try value(arguments[1]))
        }
    }
}
