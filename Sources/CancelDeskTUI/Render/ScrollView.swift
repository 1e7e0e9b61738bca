/// A full-screen scrolling text view under a heading: help, messages, history.
enum ScrollView {
    /// One screen row.
    struct Row: Equatable {
        var text: String
        var style = Style.plain
        var column = 1
        /// Marks the row with `!` (the sanitizer replaced something in it).
        var flagged = false
    }

    static func draw(title: String, rows: [Row], scroll: Int, size: TerminalSize, into canvas: inout Canvas) {
        let height = ScreenLayout.contentHeight(size)
        let scroll = min(max(scroll, 0), max(rows.count - height, 0))
        canvas.text(" " + title, row: 1, column: 0, style: Style(bold: true, underline: true))
        if rows.count > height {
            let shown = "lines \(scroll + 1)–\(min(scroll + height, rows.count)) of \(rows.count) "
            let width = DisplayWidth.of(shown)
            canvas.text(
                shown, row: 1, column: canvas.columns - width, width: width,
                style: Style(underline: true, dim: true), align: .right)
        }
        for offset in 0..<height {
            let index = scroll + offset
            guard index < rows.count else { break }
            let row = rows[index]
            let y = ScreenLayout.contentTop + offset
            if row.flagged { canvas.text("!", row: y, column: 0, width: 1, style: Style(bold: true, color: .danger)) }
            canvas.text(row.text, row: y, column: row.column, width: canvas.columns - row.column, style: row.style)
        }
        canvas.park(row: ScreenLayout.contentTop, column: 0)
    }

    /// `text` wrapped to the view's width, each piece a row starting at `column` (continuations at `indent`).
    static func wrapped(
        _ text: String, width: Int, column: Int = 1, indent: Int? = nil, style: Style = .plain, flagged: Bool = false
    ) -> [Row] {
        let indent = indent ?? column
        let pieces = TextWrap.lines(text, width: max(width - column - 1, 1), rest: max(width - indent - 1, 1))
        return pieces.enumerated().map { index, piece in
            Row(text: piece, style: style, column: index == 0 ? column : indent, flagged: flagged)
        }
    }
}
