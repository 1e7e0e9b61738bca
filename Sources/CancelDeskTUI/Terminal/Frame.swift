/// What the screen should show: a grid of cells, plus where the cursor is parked. Renderers build frames;
/// a ``TerminalDriver`` draws them, writing only the cells that changed since the last frame.
public struct Frame: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    /// Row-major cells; a wide character's cell is followed by a `.continuation` cell.
    public private(set) var cells: [Cell]
    /// Where the cursor rests (the selected row, for screen readers), or nil to hide it.
    public var cursor: (row: Int, column: Int)?

    public init(rows: Int, columns: Int) {
        self.rows = max(rows, 0)
        self.columns = max(columns, 0)
        cells = Array(repeating: Cell.blank, count: self.rows * self.columns)
    }

    public subscript(row: Int, column: Int) -> Cell {
        get { cells[row * columns + column] }
        set { cells[row * columns + column] = newValue }
    }

    public static func == (lhs: Frame, rhs: Frame) -> Bool {
        lhs.rows == rhs.rows && lhs.columns == rhs.columns && lhs.cells == rhs.cells
            && lhs.cursor?.row == rhs.cursor?.row && lhs.cursor?.column == rhs.cursor?.column
    }
}

/// One screen cell.
public struct Cell: Sendable, Equatable {
    /// One grapheme cluster (already sanitized), "" for the right half of a wide character.
    public var text: String
    public var style: Style

    public init(text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }

    public static let blank = Cell(text: " ")
    /// The right half of a double-width character.
    public static let continuation = Cell(text: "")
}

/// How a cell looks. Never the only carrier of meaning: state is also shown in text.
public struct Style: Sendable, Hashable {
    public var bold = false
    public var reverse = false
    public var underline = false
    public var dim = false
    public var color: ColorRole?

    public init(
        bold: Bool = false, reverse: Bool = false, underline: Bool = false, dim: Bool = false, color: ColorRole? = nil
    ) {
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
        self.color = color
    }

    public static let plain = Style()
}

/// Semantic colours, mapped to the 8 basic colours on the terminal's default background (or none with NO_COLOR).
public enum ColorRole: String, Sendable, Hashable, CaseIterable {
    case accent, success, warning, danger, muted, badge
}

/// The terminal as the console sees it. Only one implementation calls curses; a recording one backs tests.
/// All calls happen on the console's own thread.
public protocol TerminalDriver: AnyObject {
    /// Rows and columns now.
    var size: (rows: Int, columns: Int) { get }
    /// The next key, or nil when none arrived within `timeout`.
    func readKey(timeout: Duration) -> Key?
    /// Shows `frame`, writing only what changed since the previous one.
    func draw(_ frame: Frame)
    /// Restores the terminal (idempotent).
    func shutdown()
    /// Puts `text` on the operator's clipboard (OSC 52); a terminal that cannot does nothing.
    func copyToClipboard(_ text: String)
}

extension TerminalDriver {
    /// By default nothing is copied.
    public func copyToClipboard(_ text: String) {}
}
