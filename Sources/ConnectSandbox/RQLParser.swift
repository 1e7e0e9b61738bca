/// A parse tree of RQL text before it is given meaning: calls, bare or quoted words, and parenthesised lists.
indirect enum RQLTerm: Sendable, Equatable {
    case call(String, [RQLTerm])
    case word(String, quoted: Bool)
    case group([RQLTerm])
}

/// Why an RQL query was refused (answered 400).
struct RQLError: Error, Equatable, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// Tokenizes and parses RQL as found raw in a query string (`and(eq(type,cancel),eq(status,pending))&limit=10`).
///
/// Structure (`( ) , & | =` and quotes) is read from the raw text; every value is percent-decoded on its own, so
/// `%2C`, `%26` or `%28` inside a value stay part of the value. Quotes may be raw or encoded (`%22`, `%27`).
struct RQLParser {
    enum Token: Equatable {
        case open, close, comma, and, or, equals
        case word(String, quoted: Bool)
    }

    private var tokens: [Token]
    private var position = 0

    /// Parentheses nested deeper than this are refused: the parser recurses once per level, and a query string
    /// of a few kilobytes of `(` would otherwise overflow the stack (found by FuzzRQL).
    static let maximumDepth = 64

    /// Parses a whole query string; the top level is a conjunction of `&`- (or `,`-) separated terms.
    static func parse(_ rawQuery: String) throws(RQLError) -> RQLTerm? {
        let tokens = try tokenize(rawQuery)
        var depth = 0
        for token in tokens {
            switch token {
            case .open:
                depth += 1
                guard depth <= maximumDepth else {
                    throw RQLError("Bad filter query: nested deeper than \(maximumDepth) parentheses.")
                }
            case .close: depth = max(depth - 1, 0)
            default: break
            }
        }
        var parser = RQLParser(tokens: tokens)
        guard !parser.tokens.isEmpty else { return nil }
        let term = try parser.parseOr()
        guard parser.position == parser.tokens.count else {
            throw RQLError("Bad filter query: unexpected text at token \(parser.position + 1).")
        }
        return term
    }

    private init(tokens: [Token]) {
        self.tokens = tokens
    }

    // MARK: Tokenizer

    static func tokenize(_ raw: String) throws(RQLError) -> [Token] {
        var bytes = Array(raw.utf8)
        // A client that percent-encoded the structure itself: decode it all first.
        if !bytes.contains(UInt8(ascii: "(")) && raw.contains("%28") {
            bytes = Array(PercentDecoding.decode(raw).utf8)
        }
        var tokens: [Token] = []
        var index = 0
        func isEncodedQuote(_ at: Int) -> UInt8? {
            guard at + 2 < bytes.count, bytes[at] == UInt8(ascii: "%"), bytes[at + 1] == UInt8(ascii: "2") else {
                return nil
            }
            switch bytes[at + 2] {
            case UInt8(ascii: "2"): return UInt8(ascii: "\"")
            case UInt8(ascii: "7"): return UInt8(ascii: "'")
            default: return nil
            }
        }
        let structural: Set<UInt8> = Set("(),&|=\"'".utf8)
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "("):
                tokens.append(.open)
                index += 1
            case UInt8(ascii: ")"):
                tokens.append(.close)
                index += 1
            case UInt8(ascii: ","):
                tokens.append(.comma)
                index += 1
            case UInt8(ascii: "&"):
                tokens.append(.and)
                index += 1
            case UInt8(ascii: "|"):
                tokens.append(.or)
                index += 1
            case UInt8(ascii: "="):
                tokens.append(.equals)
                index += 1
            default:
                let quote: UInt8?
                let openLength: Int
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                    openLength = 1
                } else if let encoded = isEncodedQuote(index) {
                    quote = encoded
                    openLength = 3
                } else {
                    quote = nil
                    openLength = 0
                }
                if let quote {
                    var end = index + openLength
                    var closeLength = 0
                    while end < bytes.count {
                        if bytes[end] == quote {
                            closeLength = 1
                            break
                        }
                        if isEncodedQuote(end) == quote {
                            closeLength = 3
                            break
                        }
                        end += 1
                    }
                    guard closeLength > 0 else { throw RQLError("Bad filter query: unterminated quoted value.") }
                    let inner = String(decoding: bytes[(index + openLength)..<end], as: UTF8.self)
                    tokens.append(.word(PercentDecoding.decode(inner), quoted: true))
                    index = end + closeLength
                } else {
                    var end = index
                    while end < bytes.count, !structural.contains(bytes[end]) { end += 1 }
                    let text = String(decoding: bytes[index..<end], as: UTF8.self)
                    tokens.append(.word(PercentDecoding.decode(text), quoted: false))
                    index = end
                }
            }
        }
        return tokens
    }

    // MARK: Grammar

    private var current: Token? { position < tokens.count ? tokens[position] : nil }

    private mutating func take(_ token: Token) -> Bool {
        guard current == token else { return false }
        position += 1
        return true
    }

    /// `and ('|' and)*`
    private mutating func parseOr() throws(RQLError) -> RQLTerm {
        var parts = [try parseAnd()]
        while take(.or) { parts.append(try parseAnd()) }
        return parts.count == 1 ? parts[0] : .call("or", parts)
    }

    /// `unary (('&' | ',') unary)*`; empty terms (`a&&b`, a trailing `&`) are skipped.
    private mutating func parseAnd() throws(RQLError) -> RQLTerm {
        var parts: [RQLTerm] = []
        repeat {
            while take(.and) || take(.comma) {}
            guard let token = current, token != .close, token != .or else { break }
            parts.append(try parseUnary())
        } while current == .and || current == .comma
        guard !parts.isEmpty else { throw RQLError("Bad filter query: empty expression.") }
        return parts.count == 1 ? parts[0] : .call("and", parts)
    }

    /// `'(' or ')'`, `name(args)`, `name=value` or `name=op=value`.
    private mutating func parseUnary() throws(RQLError) -> RQLTerm {
        if take(.open) {
            let inner = try parseOr()
            guard take(.close) else { throw RQLError("Bad filter query: missing ')'.") }
            return inner
        }
        guard case .word(let name, let quoted)? = current else {
            throw RQLError("Bad filter query: expected a term at token \(position + 1).")
        }
        position += 1
        if !quoted, take(.open) {
            return .call(name.lowercased(), try parseArguments())
        }
        guard take(.equals) else {
            throw RQLError("Bad filter query: '\(name)' is neither a call nor a comparison.")
        }
        // name=op=value
        if case .word(let op, false)? = current, position + 1 < tokens.count, tokens[position + 1] == .equals {
            position += 2
            return .call(op.lowercased(), [.word(name, quoted: quoted), try parseShortValue()])
        }
        return .call("eq", [.word(name, quoted: quoted), try parseShortValue()])
    }

    /// The value of a short form: a word, a quoted word, `(list)`, a call such as `null()`, or nothing.
    private mutating func parseShortValue() throws(RQLError) -> RQLTerm {
        switch current {
        case .open?:
            position += 1
            return .group(try parseArgumentList())
        case .word?:
            return try parseArgument()
        default:
            return .word("", quoted: false)
        }
    }

    /// After `name(`: arguments up to the matching `)`.
    private mutating func parseArguments() throws(RQLError) -> [RQLTerm] {
        try parseArgumentList()
    }

    private mutating func parseArgumentList() throws(RQLError) -> [RQLTerm] {
        var arguments: [RQLTerm] = []
        if take(.close) { return arguments }
        while true {
            if current == .comma || current == .close {
                arguments.append(.word("", quoted: false))
            } else {
                arguments.append(try parseArgument())
            }
            if take(.comma) { continue }
            guard take(.close) else { throw RQLError("Bad filter query: missing ')'.") }
            return arguments
        }
    }

    /// One argument: `(list)`, `call(...)` or a (quoted) word. A bare `a=b` inside arguments is `eq(a,b)`.
    private mutating func parseArgument() throws(RQLError) -> RQLTerm {
        if take(.open) { return .group(try parseArgumentList()) }
        guard case .word(let text, let quoted)? = current else {
            throw RQLError("Bad filter query: expected a value at token \(position + 1).")
        }
        position += 1
        if !quoted, take(.open) { return .call(text.lowercased(), try parseArgumentList()) }
        if take(.equals) {
            if case .word(let op, false)? = current, position + 1 < tokens.count, tokens[position + 1] == .equals {
                position += 2
                return .call(op.lowercased(), [.word(text, quoted: quoted), try parseShortValue()])
            }
            return .call("eq", [.word(text, quoted: quoted), try parseShortValue()])
        }
        return .word(text, quoted: quoted)
    }
}

/// Percent-decoding of URL query text (`+` stays a plus: RQL timestamps carry `+00:00`).
enum PercentDecoding {
    static func decode(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
