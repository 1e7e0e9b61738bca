/// How to undo one change of the marks: mark these ids again, or unmark them.
enum MarkChange: Equatable, Sendable {
    /// Undo by marking these (they were unmarked or cleared).
    case mark([String])
    /// Undo by unmarking these (they were marked).
    case unmark([String])

    /// How many changes `u` can undo.
    static let limit = 100
}
