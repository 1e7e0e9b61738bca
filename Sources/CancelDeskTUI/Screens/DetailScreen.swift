import CancelDeskCore

/// One request in full, scrollable; the heading says which request of the list it is.
enum DetailScreen {
    /// Where labels start, and how wide they are.
    static let labelColumn = 2
    static let labelWidth = 16
    static var valueColumn: Int { labelColumn + labelWidth + 1 }

    /// One screen row of the document.
    struct Row: Equatable {
        var label: String
        var text: String
        var column: Int
        var flagged: Bool
        var style: Style
    }

    /// The document wrapped to the terminal width.
    static func rows(_ state: ConsoleState, _ view: DetailView) -> [Row] {
        let history: LoadState<[JournalEntry]> = state.historyFor == view.requestID ? state.detailHistory : .idle
        let document =
            if let request = view.request {
                DetailDocument(
                    request, history: history, context: state.context, now: state.now, staleError: view.loadError)
            } else {
                DetailDocument(
                    listed: state.table.row(view.requestID), requestID: view.requestID, loadError: view.loadError,
                    history: history, now: state.now)
            }
        return wrap(document, width: state.size.columns)
    }

    /// A document's lines wrapped to `width` columns; with `maxRows`, a line longer than that is cut, ending in `…`.
    static func wrap(_ document: DetailDocument, width: Int, maxRows: Int = .max) -> [Row] {
        var rows: [Row] = []
        for line in document.lines {
            let column = line.wide ? labelColumn : valueColumn
            let hang = min(line.hang, max(width - column - 20, 0))
            var pieces = TextWrap.lines(
                line.text, width: max(width - column - 1, 1), rest: max(width - column - hang - 1, 1))
            if pieces.count > maxRows {
                pieces = Array(pieces.prefix(max(maxRows, 1)))
                pieces[pieces.count - 1] = String(pieces[pieces.count - 1].dropLast()) + "…"
            }
            for (index, piece) in pieces.enumerated() {
                rows.append(
                    Row(
                        label: index == 0 ? line.label : "", text: piece, column: index == 0 ? column : column + hang,
                        flagged: line.flagged, style: line.style))
            }
        }
        return rows
    }

    static func lineCount(_ state: ConsoleState, _ view: DetailView) -> Int {
        rows(state, view).count
    }

    static func draw(_ state: ConsoleState, _ view: DetailView, into canvas: inout Canvas, parkCursor: Bool) {
        let rows = rows(state, view)
        let needle = TextFold.fold(state.detailSearch)
        heading(state, view, flagged: rows.contains { $0.flagged }, into: &canvas)
        let top = ScreenLayout.contentTop
        let height = ScreenLayout.contentHeight(state.size)
        let scroll = min(max(view.scroll, 0), max(rows.count - height, 0))
        for offset in 0..<height {
            let index = scroll + offset
            guard index < rows.count else { break }
            let row = rows[index]
            let y = top + offset
            if row.flagged { canvas.text("!", row: y, column: 0, width: 1, style: Style(bold: true, color: .danger)) }
            if !row.label.isEmpty {
                canvas.text(row.label, row: y, column: labelColumn, width: labelWidth, style: Style(dim: true))
            }
            canvas.text(row.text, row: y, column: row.column, width: canvas.columns - row.column, style: row.style)
            if !needle.isEmpty { highlight(row, needle, current: index == state.detailMatch, y: y, into: &canvas) }
        }
        if rows.count > height {
            let shown = "lines \(scroll + 1)–\(min(scroll + height, rows.count)) of \(rows.count)"
            canvas.text(
                shown + " ", row: 1, column: canvas.columns - DisplayWidth.of(shown) - 1,
                width: DisplayWidth.of(shown) + 1, style: Style(dim: true), align: .right)
        }
        if parkCursor { canvas.park(row: top, column: 0) }
    }

    /// The search's matches in one row in reverse video; the current match's row has a `>` in the margin.
    private static func highlight(_ row: Row, _ needle: String, current: Bool, y: Int, into canvas: inout Canvas) {
        let spans = DetailSearch.spans(of: needle, in: row.text)
        guard !spans.isEmpty else { return }
        if current { canvas.text(">", row: y, column: 1, width: 1, style: Style(bold: true)) }
        let characters = Array(row.text)
        var x = 0
        var index = 0
        for span in spans {
            // Find the characters of the span again by width, to draw them as they are.
            while x < span.x, index < characters.count {
                x += DisplayWidth.of(characters[index])
                index += 1
            }
            var text = ""
            var width = 0
            while width < span.width, index < characters.count {
                width += DisplayWidth.of(characters[index])
                text.append(characters[index])
                index += 1
            }
            x += width
            let column = row.column + span.x
            guard column < canvas.columns else { break }
            var style = row.style
            style.reverse = true
            style.bold = current || style.bold
            canvas.text(text, row: y, column: column, width: min(width, canvas.columns - column), style: style)
        }
    }

    private static func heading(_ state: ConsoleState, _ view: DetailView, flagged: Bool, into canvas: inout Canvas) {
        let idText = SafeText.clean(view.requestID, limit: SafeText.rowLimit)
        var parts = [idText]
        if let index = state.table.index(of: view.requestID), let position = state.visible.firstIndex(of: index) {
            parts.append("\(position + 1) of \(state.visible.count)")
        } else {
            parts.append("no longer in the list")
        }
        if state.marks.contains(view.requestID) { parts.append("marked *") }
        if let work = state.work.rows[view.requestID] {
            switch work {
            case .working(let kind, let step):
                parts.append("~ \(kind == .approve ? "approving" : "rejecting")\(step.isEmpty ? "" : " (\(step))")")
            case .finished(let kind): parts.append(ConsoleReducer.label(kind))
            }
        }
        if !state.detailSearch.isEmpty {
            let count = DetailSearch.matchingRows(state, view).count
            parts.append(count == 0 ? "/\(state.detailSearch): no match" : "/\(state.detailSearch): \(count) line(s)")
        }
        if flagged { parts.append("! control or bidi characters were replaced") }
        canvas.text(" " + parts.joined(separator: " · "), row: 1, column: 0, style: Style(bold: true))
    }
}
