/// A typed RQL expression, rendered with correct quoting for Connect's `GET` collections.
///
/// ```swift
/// RQL.and([.eq("type", "cancel"), .in("asset.product.id", ["PRD-1", "PRD-2"])]).rendered
/// // and(eq(type,cancel),in(asset.product.id,(PRD-1,PRD-2)))
/// ```
public indirect enum RQL: Sendable, Equatable {
    case and([RQL])
    case or([RQL])
    case not(RQL)
    case eq(String, String)
    case ne(String, String)
    case `in`(String, [String])
    case out(String, [String])
    /// `eq(field,null())`.
    case isNull(String)
    /// `like(field,pattern)`; `*` is the wildcard.
    case like(String, String)
    /// `ilike(field,pattern)`: case-insensitive.
    case ilike(String, String)

    /// The expression as RQL text (not yet percent-encoded).
    public var rendered: String {
        switch self {
        case .and(let terms): "and(" + terms.map(\.rendered).joined(separator: ",") + ")"
        case .or(let terms): "or(" + terms.map(\.rendered).joined(separator: ",") + ")"
        case .not(let term): "not(" + term.rendered + ")"
        case .eq(let field, let value): "eq(\(field),\(Self.quote(value)))"
        case .ne(let field, let value): "ne(\(field),\(Self.quote(value)))"
        case .in(let field, let values): "in(\(field),(" + values.map(Self.quote).joined(separator: ",") + "))"
        case .out(let field, let values): "out(\(field),(" + values.map(Self.quote).joined(separator: ",") + "))"
        case .isNull(let field): "eq(\(field),null())"
        case .like(let field, let pattern): "like(\(field),\(Self.quote(pattern)))"
        case .ilike(let field, let pattern): "ilike(\(field),\(Self.quote(pattern)))"
        }
    }

    /// Quotes a value when it holds anything but letters, digits and `-_.*@:+`; picks the quote the value does
    /// not contain. A value holding both quote characters cannot be expressed in RQL and is rendered with its
    /// double quotes replaced by single ones (the server can never match it; it can never widen a filter).
    static func quote(_ value: String) -> String {
        let plain =
            !value.isEmpty
            && value.unicodeScalars.allSatisfy { scalar in
                switch scalar {
                case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".", "*", "@", ":", "+": true
                default: false
                }
            }
        if plain && value != "null()" { return value }
        // Scalars, not Characters: `"` followed by a combining mark is one Character that is not `"`, yet the
        // server's parser sees the quote and the value would escape its quoted term.
        let scalars = value.unicodeScalars
        if !scalars.contains("\"") { return "\"" + value + "\"" }
        if !scalars.contains("'") { return "'" + value + "'" }
        var replaced = String.UnicodeScalarView()
        for scalar in scalars { replaced.append(scalar == "'" ? "\u{2019}" : scalar) }
        return "'" + String(replaced) + "'"
    }

    /// Percent-encodes RQL text for a URL query: keeps RQL's own syntax (`(),=`) and unreserved characters.
    public static func percentEncode(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"),
                UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ","), UInt8(ascii: "="),
                UInt8(ascii: "*"), UInt8(ascii: "@"), UInt8(ascii: ":"):
                out.append(Character(Unicode.Scalar(byte)))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// A collection query: filter, `select(…)`, `ordering(…)`, rendered in the order the official client uses.
public struct RQLQuery: Sendable, Equatable {
    public var filter: RQL?
    /// Fields to drop (rendered `select(-a,-b)`).
    public var excluding: [String]
    /// Fields to order by; a leading `-` sorts descending.
    public var ordering: [String]

    public init(filter: RQL? = nil, excluding: [String] = [], ordering: [String] = []) {
        self.filter = filter
        self.excluding = excluding
        self.ordering = ordering
    }

    /// The percent-encoded query string without `limit`/`offset`.
    public var queryString: String {
        var parts: [String] = []
        if !excluding.isEmpty { parts.append("select(" + excluding.map { "-" + $0 }.joined(separator: ",") + ")") }
        if let filter { parts.append(filter.rendered) }
        if !ordering.isEmpty { parts.append("ordering(" + ordering.joined(separator: ",") + ")") }
        return parts.map(RQL.percentEncode).joined(separator: "&")
    }

    /// The pending-cancel query for a scope: type, status, products, connection types and marketplaces,
    /// without the heavy fields, oldest first.
    public static func pendingCancels(products: [String], environments: [String], marketplaces: [String]) -> RQLQuery {
        var terms: [RQL] = [.eq("type", "cancel"), .eq("status", "pending"), .in("asset.product.id", products)]
        if !environments.isEmpty { terms.append(.in("asset.connection.type", environments)) }
        if !marketplaces.isEmpty { terms.append(.in("marketplace.id", marketplaces)) }
        return RQLQuery(filter: .and(terms), excluding: ["activation_key", "template"], ordering: ["created"])
    }
}
