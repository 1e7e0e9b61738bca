import ConnectClient
import FuzzSupport
import SandboxRQL

/// RQL rendering: a value can never break out of its term.
///
/// The input builds an `RQL` tree with arbitrary values (bytes as UTF-8, or arbitrary scalars). Its rendering,
/// percent-encoded as the client sends it, is parsed by the sandbox's independent parser, which must give back
/// exactly the tree that was built: same calls, same nesting, every value one word with the same bytes (a value
/// holding both quote characters has its `'` shown as `’`, per `RQL.quote`). The same holds for the full
/// `pendingCancels` query. `percentEncode` keeps only its safe set and decodes back byte for byte.
/// With the first byte's top bits set to 0xF0 or more, the rest is handed raw to the sandbox parser (must not crash).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    var input = FuzzInput(start, count)
    let mode = input.byte()
    if mode >= 0xF0 {
        _ = SandboxRQL.parse(String(decoding: input.rest, as: UTF8.self))
        return 0
    }
    let unicode = mode & 1 == 1
    if mode & 2 == 2 {
        checkPendingCancels(&input, unicode: unicode)
    } else {
        var budget = 24
        let (rql, expected) = build(&input, unicode: unicode, depth: 0, budget: &budget)
        checkRoundTrip(rql.rendered, expected: expected)
    }
    return 0
}

private let fields = ["type", "status", "asset.product.id", "asset.connection.type", "marketplace.id", "id"]

private func value(_ input: inout FuzzInput, unicode: Bool) -> String {
    unicode ? input.scalarString(maxScalars: 24) : input.string(maxLength: 64)
}

/// What the sandbox must parse a rendered value as.
private func expectedWord(_ value: String) -> ParsedRQL {
    let plain =
        !value.isEmpty && value != "null()"
        && value.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".", "*", "@", ":", "+": true
            default: false
            }
        }
    if plain { return .word(value, quoted: false) }
    // Scalars, not Characters: `"` followed by a combining mark is one Character, and still a quote on the wire.
    let scalars = value.unicodeScalars
    if scalars.contains("\"") && scalars.contains("'") {
        return .word(String(String.UnicodeScalarView(scalars.map { $0 == "'" ? "\u{2019}" : $0 })), quoted: true)
    }
    return .word(value, quoted: true)
}

/// A random expression and the parse tree the sandbox must produce for it.
private func build(_ input: inout FuzzInput, unicode: Bool, depth: Int, budget: inout Int) -> (RQL, ParsedRQL) {
    budget -= 1
    let kind = depth >= 4 || budget <= 0 ? input.pick(7) : input.pick(10)
    let field = fields[input.pick(fields.count)]
    let fieldWord = ParsedRQL.word(field, quoted: false)
    switch kind {
    case 0:
        let v = value(&input, unicode: unicode)
        return (.eq(field, v), .call("eq", [fieldWord, expectedWord(v)]))
    case 1:
        let v = value(&input, unicode: unicode)
        return (.ne(field, v), .call("ne", [fieldWord, expectedWord(v)]))
    case 2, 3:
        let values = (0..<input.pick(4)).map { _ in value(&input, unicode: unicode) }
        let name = kind == 2 ? "in" : "out"
        let rql: RQL = kind == 2 ? .in(field, values) : .out(field, values)
        return (rql, .call(name, [fieldWord, .group(values.map(expectedWord))]))
    case 4:
        return (.isNull(field), .call("eq", [fieldWord, .call("null", [])]))
    case 5:
        let v = value(&input, unicode: unicode)
        return (.like(field, v), .call("like", [fieldWord, expectedWord(v)]))
    case 6:
        let v = value(&input, unicode: unicode)
        return (.ilike(field, v), .call("ilike", [fieldWord, expectedWord(v)]))
    case 7, 8:
        var terms: [RQL] = []
        var parsed: [ParsedRQL] = []
        for _ in 0..<(1 + input.pick(3)) {
            let (term, expected) = build(&input, unicode: unicode, depth: depth + 1, budget: &budget)
            terms.append(term)
            parsed.append(expected)
        }
        return kind == 7 ? (.and(terms), .call("and", parsed)) : (.or(terms), .call("or", parsed))
    default:
        let (term, expected) = build(&input, unicode: unicode, depth: depth + 1, budget: &budget)
        return (.not(term), .call("not", [expected]))
    }
}

private func checkRoundTrip(_ rendered: String, expected: ParsedRQL) {
    let encoded = RQL.percentEncode(rendered)
    checkEncoding(rendered, encoded)
    switch SandboxRQL.parse(encoded) {
    case .success(let parsed?):
        require(parsed == expected, "\(encoded)\n parsed as \(parsed)\n expected  \(expected)")
    case .success(nil):
        require(false, "\(encoded) parsed as an empty query")
    case .failure(let error):
        require(false, "\(encoded) was refused: \(error)")
    }
}

/// Only `[A-Za-z0-9-_.~(),=*@:]` and `%XX` escapes; decoding gives back the same bytes.
private func checkEncoding(_ text: String, _ encoded: String) {
    let bytes = Array(encoded.utf8)
    var index = 0
    while index < bytes.count {
        let byte = bytes[index]
        if byte == UInt8(ascii: "%") {
            require(index + 2 < bytes.count, "truncated escape in \(encoded)")
            index += 3
            continue
        }
        require(
            Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~(),=*@:".utf8).contains(byte),
            "unsafe byte \(byte) left in \(encoded)")
        index += 1
    }
    require(
        Array(SandboxRQL.percentDecode(encoded).utf8) == Array(text.utf8),
        "percent-encoding does not round-trip: \(scalarDump(text))")
}

/// The production query, with fuzzed scope lists.
private func checkPendingCancels(_ input: inout FuzzInput, unicode: Bool) {
    func list() -> [String] { (0..<input.pick(4)).map { _ in value(&input, unicode: unicode) } }
    let products = list()
    let environments = list()
    let marketplaces = list()
    let query = RQLQuery.pendingCancels(products: products, environments: environments, marketplaces: marketplaces)
    var terms: [ParsedRQL] = [
        .call("eq", [.word("type", quoted: false), .word("cancel", quoted: false)]),
        .call("eq", [.word("status", quoted: false), .word("pending", quoted: false)]),
        .call("in", [.word("asset.product.id", quoted: false), .group(products.map(expectedWord))]),
    ]
    if !environments.isEmpty {
        terms.append(
            .call("in", [.word("asset.connection.type", quoted: false), .group(environments.map(expectedWord))]))
    }
    if !marketplaces.isEmpty {
        terms.append(.call("in", [.word("marketplace.id", quoted: false), .group(marketplaces.map(expectedWord))]))
    }
    let expected = ParsedRQL.call(
        "and",
        [
            .call("select", [.word("-activation_key", quoted: false), .word("-template", quoted: false)]),
            .call("and", terms),
            .call("ordering", [.word("created", quoted: false)]),
        ])
    switch SandboxRQL.parse(query.queryString) {
    case .success(let parsed?):
        require(parsed == expected, "\(query.queryString)\n parsed as \(parsed)\n expected  \(expected)")
    default:
        require(false, "\(query.queryString) did not parse")
    }
}
