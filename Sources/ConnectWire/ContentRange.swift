/// The `Content-Range: items FIRST-LAST/TOTAL` header of Connect's paged collections.
///
/// An empty result is `items 0-0/0`; the empty body tells it apart from a one-row page.
public struct ContentRange: Sendable, Equatable, CustomStringConvertible {
    public var first: Int
    public var last: Int
    public var total: Int

    public init(first: Int, last: Int, total: Int) {
        self.first = first
        self.last = last
        self.total = total
    }

    /// The header for a page of `count` rows starting at `offset`, out of `total`.
    public init(offset: Int, count: Int, total: Int) {
        self.init(first: offset, last: offset + max(count - 1, 0), total: total)
    }

    /// Parses `items A-B/T`; returns nil for anything else (other units, negative or reversed bounds, garbage).
    public init?(header: String) {
        let text = header.trimmingASCIIWhitespace()
        guard text.hasPrefix("items ") else { return nil }
        let rest = text.dropFirst("items ".count)
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let range = rest[..<slash]
        guard let dash = range.firstIndex(of: "-"),
            let first = Self.number(range[..<dash]),
            let last = Self.number(range[range.index(after: dash)...]),
            let total = Self.number(rest[rest.index(after: slash)...]),
            first <= last
        else { return nil }
        self.init(first: first, last: last, total: total)
    }

    public var description: String { "items \(first)-\(last)/\(total)" }

    private static func number(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.count <= 12, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    public func trimmingASCIIWhitespace() -> Substring {
        var slice = self[...]
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return slice
    }
}

extension Substring {
    func hasPrefix(_ prefix: String) -> Bool { self.starts(with: prefix) }
}
