/// The console's fixed geometry, shared by the reducer (scrolling, paging) and the renderer.
///
/// Every screen has a title bar on the first row and a status line and a key-hint line on the last two.
public enum ScreenLayout {
    /// Below this many columns only the "terminal too small" screen is drawn.
    public static let minimumColumns = 60
    /// Below this many rows only the "terminal too small" screen is drawn.
    public static let minimumRows = 12

    /// True when the terminal cannot show the console.
    public static func isTooSmall(_ size: TerminalSize) -> Bool {
        size.columns < minimumColumns || size.rows < minimumRows
    }

    /// The first row of list entries (after the title bar, the summary line and the column header).
    static let listTop = 3

    /// How many list entries fit; with the preview pane, the list takes two fifths of the rows.
    static func listHeight(_ size: TerminalSize, preview: Bool = false) -> Int {
        let full = max(size.rows - listTop - 2, 1)
        return preview ? max(full * 2 / 5, 3) : full
    }

    /// The rows of the preview pane (its heading included): what the list leaves.
    static func previewHeight(_ size: TerminalSize) -> Int {
        max(size.rows - listTop - 2 - listHeight(size, preview: true), 0)
    }

    /// The first row of a scrolling view's content (after the title bar and the view's own heading).
    static let contentTop = 2

    /// How many content lines a scrolling view (detail, help, messages, history) shows.
    static func contentHeight(_ size: TerminalSize) -> Int {
        max(size.rows - contentTop - 2, 1)
    }

    /// The row of the status line.
    static func statusRow(_ size: TerminalSize) -> Int { max(size.rows - 2, 0) }

    /// The row of the key hints.
    static func hintRow(_ size: TerminalSize) -> Int { max(size.rows - 1, 0) }
}
