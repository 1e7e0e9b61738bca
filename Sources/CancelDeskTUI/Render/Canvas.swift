import CancelDeskCore

/// Draws text into a ``Frame`` by display width: wide characters take two cells (the second a
/// ``Cell/continuation``), zero-width ones none, a grapheme is never split, and text cut short ends in `…`.
///
/// As a last line of defence every character is checked again: one holding a control, bidi or other
/// dangerous scalar is drawn as `�`, so no cell can ever carry one, whatever a caller passed.
struct Canvas {
    private(set) var frame: Frame
    let noColor: Bool

    init(_ size: TerminalSize, noColor: Bool) {
        frame = Frame(rows: size.rows, columns: size.columns)
        self.noColor = noColor
    }

    var rows: Int { frame.rows }
    var columns: Int { frame.columns }

    enum Alignment {
        case left, right, center
    }

    /// Writes `text` from `column` into at most `width` cells of `row`, padding the rest of the width with
    /// spaces in `style`; returns the cells the text itself took.
    @discardableResult
    mutating func text(
        _ text: String, row: Int, column: Int, width: Int? = nil, style: Style = .plain, align: Alignment = .left,
        pad: Bool = true
    ) -> Int {
        guard row >= 0, row < rows, column < columns else { return 0 }
        let start = max(column, 0)
        let width = min(width ?? (columns - start), columns - start)
        guard width > 0 else { return 0 }
        var cells: [(text: String, width: Int)] = []
        var used = 0
        var cut = false
        for character in text {
            let cell = Self.safe(character)
            if cell.width == 0 { continue }
            if used + cell.width > width {
                cut = true
                break
            }
            cells.append(cell)
            used += cell.width
        }
        if cut {
            while used > width - 1, let last = cells.popLast() { used -= last.width }
            cells.append(("…", 1))
            used += 1
        }
        let offset: Int
        switch align {
        case .left: offset = 0
        case .right: offset = width - used
        case .center: offset = (width - used) / 2
        }
        if pad { fill(row: row, column: start, width: offset, style: style) }
        var x = start + offset
        for cell in cells {
            put(cell.text, width: cell.width, row: row, column: x, style: style)
            x += cell.width
        }
        if pad { fill(row: row, column: x, width: start + width - x, style: style) }
        return used
    }

    /// Writes spaces.
    mutating func fill(row: Int, column: Int, width: Int, style: Style = .plain) {
        guard row >= 0, row < rows, width > 0 else { return }
        let from = max(column, 0)
        let to = min(column + width, columns)
        guard from < to else { return }
        for x in from..<to { put(" ", width: 1, row: row, column: x, style: style) }
    }

    /// A box outline with a title on its top edge; the inside is cleared.
    mutating func box(top: Int, left: Int, height: Int, width: Int, title: String, style: Style = .plain) {
        guard height >= 2, width >= 2 else { return }
        let bottom = top + height - 1
        let right = left + width - 1
        for y in top...bottom {
            if y == top || y == bottom {
                let (l, r) = y == top ? ("┌", "┐") : ("└", "┘")
                put(l, width: 1, row: y, column: left, style: style)
                for x in (left + 1)..<right { put("─", width: 1, row: y, column: x, style: style) }
                put(r, width: 1, row: y, column: right, style: style)
            } else {
                put("│", width: 1, row: y, column: left, style: style)
                fill(row: y, column: left + 1, width: width - 2)
                put("│", width: 1, row: y, column: right, style: style)
            }
        }
        if !title.isEmpty, width > 6 {
            var titleStyle = style
            titleStyle.bold = true
            text(" \(title) ", row: top, column: left + 2, width: width - 4, style: titleStyle, pad: false)
        }
    }

    mutating func park(row: Int, column: Int) {
        guard row >= 0, row < rows, column >= 0, column < columns else { return }
        frame.cursor = (row, column)
    }

    /// Puts one grapheme, keeping wide characters whole: a wide character cut by this write is blanked.
    private mutating func put(_ text: String, width: Int, row: Int, column: Int, style: Style) {
        guard row >= 0, row < rows, column >= 0, column + width <= columns else { return }
        var style = style
        if noColor { style.color = nil }
        // Overwriting the right half of a wide character: blank its left half.
        if frame[row, column].text.isEmpty, column > 0 {
            frame[row, column - 1] = Cell(text: " ", style: frame[row, column - 1].style)
        }
        // Overwriting the left half of a wide character with something narrower: blank its right half.
        let end = column + width
        if end < columns, frame[row, end].text.isEmpty {
            frame[row, end] = Cell(text: " ", style: frame[row, end].style)
        }
        frame[row, column] = Cell(text: text, style: style)
        if width == 2 { frame[row, column + 1] = Cell(text: "", style: style) }
    }

    /// The text and width of one grapheme as drawn: dangerous scalars never reach a cell.
    private static func safe(_ character: Character) -> (text: String, width: Int) {
        if let ascii = character.asciiValue {
            return ascii >= 0x20 && ascii < 0x7F ? (String(character), 1) : ("\u{FFFD}", 1)
        }
        if character.unicodeScalars.contains(where: TextSanitizer.isDangerous) { return ("\u{FFFD}", 1) }
        let width = DisplayWidth.of(character)
        if width == 1, let first = character.unicodeScalars.first, DisplayWidth.of(first) == 0 {
            return ("\u{00A0}" + String(character), 1) // a mark without a base gets one to sit on
        }
        return (String(character), width)
    }
}
