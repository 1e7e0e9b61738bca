/// The configuration is invalid; every problem names the key (or variable) it is about. Exit code 78.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One line per problem. Control, bidi and format characters (an unknown key or a path as the file wrote it)
    /// are shown as `\u{…}`, so the lines are safe to print on a terminal.
    public let problems: [String]

    /// A refusal listing `problems` (sanitized and redacted here, whoever built them).
    public init(_ problems: [String]) {
        self.problems = problems.map { SecretRedactor.redact(TextSanitizer.clean($0)) }
    }

    public var description: String {
        "configuration invalid:\n" + problems.map { "  - " + $0 }.joined(separator: "\n")
    }
}
