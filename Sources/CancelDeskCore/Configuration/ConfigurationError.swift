/// The configuration is invalid; every problem names the key (or variable) it is about. Exit code 78.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [String]

    public init(_ problems: [String]) {
        self.problems = problems
    }

    public var description: String {
        "configuration invalid:\n" + problems.map { "  - " + $0 }.joined(separator: "\n")
    }
}
