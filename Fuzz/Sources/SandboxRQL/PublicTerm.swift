/// A public view of the sandbox parser's tree (the parser itself is the symlinked RQLParser.swift).
public indirect enum ParsedRQL: Equatable, Sendable {
    case call(String, [ParsedRQL])
    case word(String, quoted: Bool)
    case group([ParsedRQL])

    init(_ term: RQLTerm) {
        switch term {
        case .call(let name, let arguments): self = .call(name, arguments.map(ParsedRQL.init))
        case .word(let text, let quoted): self = .word(text, quoted: quoted)
        case .group(let items): self = .group(items.map(ParsedRQL.init))
        }
    }
}

public enum SandboxRQL {
    /// Parses a raw (percent-encoded) query string as the sandbox does; nil for an empty query.
    public static func parse(_ rawQuery: String) -> Result<ParsedRQL?, any Error> {
        do {
            return .success(try RQLParser.parse(rawQuery).map(ParsedRQL.init))
        } catch {
            return .failure(error)
        }
    }

    /// The sandbox's percent-decoding.
    public static func percentDecode(_ text: String) -> String {
        PercentDecoding.decode(text)
    }
}
