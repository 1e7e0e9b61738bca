/// The terminal's size in cells.
public struct TerminalSize: Sendable, Hashable {
    public var rows: Int
    public var columns: Int

    /// Negative sizes count as 0.
    public init(rows: Int, columns: Int) {
        self.rows = max(rows, 0)
        self.columns = max(columns, 0)
    }
}
