import CancelDeskCore

/// A keymap that was refused: every problem found, each naming its file and JSON path, e.g.
/// `keymap.json: contexts.list.approve[1] "<C-m>": indistinguishable from <Enter>; use another key`.
///
/// canceldesk never starts half-configured: the caller prints `problems` (one per line) and exits with its
/// configuration status (the executable's `ExitStatus.config`).
public struct KeymapError: Error, Equatable, Sendable, CustomStringConvertible {
    /// One line per problem, in the order found (defaults, then the user's file, then the merged result).
    /// Control, bidi and format characters a file wrote are shown as `\u{…}`: the lines are safe to print.
    public let problems: [String]

    /// A refusal listing `problems` (sanitized here, whoever built them).
    public init(problems: [String]) {
        self.problems = problems.map { TextSanitizer.clean($0) }
    }

    /// The problems, one per line.
    public var description: String { problems.joined(separator: "\n") }
}
