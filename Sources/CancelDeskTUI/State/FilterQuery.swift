/// A filter as typed: terms separated by spaces, all of which must hold. A term is a word found anywhere in a row,
/// or `field:word` found in that field (``FilterField``); `!` before either negates it; double quotes keep spaces
/// in a word (`customer:"acme corp"`). Matching ignores case and accents (both sides are folded by ``TextFold``).
struct FilterQuery: Sendable, Equatable {
    struct Term: Sendable, Equatable {
        var field: FilterField?
        var negated: Bool
        /// The folded word.
        var bytes: [UInt8]
    }

    /// The text as typed.
    let text: String
    let terms: [Term]

    init(_ typed: String) {
        text = typed
        terms = Self.tokens(typed).compactMap(Self.term)
    }

    var isEmpty: Bool { terms.isEmpty }

    /// True when every row `self` matches is also matched by `other` (each of `other`'s terms is implied by one
    /// of `self`'s), so filtering `other`'s result gives the same rows as filtering everything.
    func narrows(_ other: FilterQuery) -> Bool {
        guard !other.isEmpty else { return false }
        return other.terms.allSatisfy { old in
            if old.negated { return terms.contains(old) }
            return terms.contains { new in
                !new.negated && (old.field == nil || new.field == old.field) && Self.contains(new.bytes, old.bytes)
            }
        }
    }

    /// The typed text split at spaces outside double quotes.
    private static func tokens(_ typed: String) -> [Substring] {
        var tokens: [Substring] = []
        var start: String.Index?
        var quoted = false
        var index = typed.startIndex
        while index < typed.endIndex {
            let character = typed[index]
            if character == "\"" { quoted.toggle() }
            if character == " " && !quoted {
                if let begun = start { tokens.append(typed[begun..<index]) }
                start = nil
            } else if start == nil {
                start = index
            }
            index = typed.index(after: index)
        }
        if let begun = start { tokens.append(typed[begun...]) }
        return tokens
    }

    /// One token as a term; nil while it is still incomplete (`!`, `customer:`).
    private static func term(_ token: Substring) -> Term? {
        var rest = token
        let negated = rest.first == "!"
        if negated { rest = rest.dropFirst() }
        var field: FilterField?
        if let colon = rest.firstIndex(of: ":"), let named = FilterField.named(rest[..<colon].lowercased()[...]) {
            field = named
            rest = rest[rest.index(after: colon)...]
        }
        let word = TextFold.fold(rest.filter { $0 != "\"" })
        guard !word.isEmpty else { return nil }
        return Term(field: field, negated: negated, bytes: Array(word.utf8))
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        if needle.isEmpty { return true }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}
