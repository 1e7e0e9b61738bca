import CancelDeskCore
import Foundation

/// The request list: a summary line, the column header, and only the rows on screen.
enum ListScreen {
    static func draw(_ state: ConsoleState, into canvas: inout Canvas, parkCursor: Bool) {
        let size = state.size
        summary(state, into: &canvas)
        let columns = ListColumns(
            width: size.columns, content: state.table.count == 0 ? .typical : state.table.widths)
        header(state, columns, into: &canvas)
        let top = ScreenLayout.listTop
        let height = state.listHeight
        if state.showsPreview { PreviewPane.draw(state, into: &canvas) }
        guard !state.visible.isEmpty else {
            emptyMessage(state, into: &canvas, top: top, height: height)
            return
        }
        let end = min(state.top + height, state.visible.count)
        for position in state.top..<end {
            let y = top + position - state.top
            let index = state.visible[position]
            row(
                state, state.table.rows[index], marked: state.markedRows[index], selected: position == state.cursor,
                columns, y: y, into: &canvas)
        }
        if parkCursor, state.cursor >= state.top, state.cursor < end {
            canvas.park(row: top + state.cursor - state.top, column: 0)
        }
    }

    // MARK: Summary and header

    private static func summary(_ state: ConsoleState, into canvas: inout Canvas) {
        var left = [matchText(state) ?? "\(state.table.count) requests"]
        if !state.marks.isEmpty {
            let hidden = state.marks.count - state.markedVisible
            var notes: [String] = []
            if hidden > 0 { notes.append("\(hidden) hidden by the filter") }
            let failed = ConsoleReducer.failedMarks(state)
            if failed > 0 { notes.append("\(failed) failed") }
            left.append("\(state.marks.count) marked" + (notes.isEmpty ? "" : " (\(notes.joined(separator: ", ")))"))
        }
        let flagged = state.table.flaggedCount
        if flagged > 0 { left.append("\(flagged) flagged !") }
        if state.reviewOnly {
            left.append("needs review only")
        } else if !state.reviews.isEmpty {
            left.append("\(state.reviews.count) need review ?")
        }
        if let selected = state.selectedRow, let note = state.reviews[selected.id] { left.append("? " + note.line) }
        left.append("sort: \(state.sort.label)")
        // The filter comes last: when the line is too narrow, the filter text is what gets cut.
        if !state.filter.isEmpty, !state.filterEditing { left.append("filter: \(state.filter)") }
        var right: [String] = []
        if state.paused { right.append("PAUSED") }
        if state.refreshing { right.append("refreshing…") }
        if state.loadError != nil {
            right.append("listing FAILED")
            if let wait = retryText(state) { right.append(wait) }
        }
        if let last = state.lastRefresh {
            right.append("updated \(DurationText.age(of: last, at: state.now)) ago")
        } else if !state.refreshing, state.loadError == nil {
            right.append("not listed yet")
        }
        let rightText = right.joined(separator: " · ")
        let rightWidth = min(DisplayWidth.of(rightText) + 1, canvas.columns / 2)
        canvas.text(" " + left.joined(separator: " · "), row: 1, column: 0, width: canvas.columns - rightWidth - 1)
        canvas.fill(row: 1, column: canvas.columns - rightWidth - 1, width: 1)
        var style = Style.plain
        if state.loadError != nil || state.paused { style = Style(bold: true, color: .warning) }
        canvas.text(
            rightText + " ", row: 1, column: canvas.columns - rightWidth, width: rightWidth, style: style,
            align: .right)
    }

    /// "6 of 12 match" while a filter is applied; nil without one.
    static func matchText(_ state: ConsoleState) -> String? {
        guard !state.appliedQuery.isEmpty else { return nil }
        return "\(state.visible.count) of \(state.table.count) match"
    }

    /// "retry in 7s" after a failed listing, "retrying…" while the retry runs; nil when no retry is due.
    static func retryText(_ state: ConsoleState) -> String? {
        if state.refreshing { return "retrying…" }
        guard let at = state.retryAt else { return nil }
        let seconds = max(Int(at.timeIntervalSince(state.now).rounded(.up)), 0)
        return "retry in \(seconds)s"
    }

    private static func header(_ state: ConsoleState, _ columns: ListColumns, into canvas: inout Canvas) {
        let style = Style(bold: true, underline: true)
        canvas.fill(row: 2, column: 0, width: canvas.columns, style: style)
        for (column, x, width) in columns.layout {
            var title = column.title
            if column.sortKey == state.sort.key {
                // Ages fall as creation times rise: oldest first is a falling AGE column.
                let rising = column == .age ? !state.sort.ascending : state.sort.ascending
                title += rising ? "↑" : "↓"
            }
            canvas.text(title, row: 2, column: x, width: width, style: style, align: column == .age ? .right : .left)
        }
    }

    private static func emptyMessage(_ state: ConsoleState, into canvas: inout Canvas, top: Int, height: Int) {
        if state.lastRefresh == nil, let error = state.loadError {
            connectionTrouble(state, error, into: &canvas, top: top, height: height)
            return
        }
        let text: String
        if state.lastRefresh == nil {
            text = "Listing pending cancel requests…"
        } else if state.table.count == 0 {
            text = "No pending cancel requests."
        } else {
            text = "0 of \(state.table.count) match the filter \"\(state.filter)\" · Esc clears it"
        }
        canvas.text(text, row: top + height / 2, column: 0, style: Style(dim: true), align: .center)
    }

    /// Nothing could be listed yet: the error by name, when the next attempt starts and how to act now. Never a
    /// blank screen while Connect is away.
    private static func connectionTrouble(
        _ state: ConsoleState, _ error: String, into canvas: inout Canvas, top: Int, height: Int
    ) {
        let width = max(canvas.columns - 4, 10)
        var lines: [(String, Style)] = [("Could not list the queue from Connect", Style(bold: true, color: .danger))]
        for piece in TextWrap.lines(error, width: width, rest: width) { lines.append((piece, .plain)) }
        lines.append(("", .plain))
        let attempt = state.listingFailures > 1 ? " (attempt \(state.listingFailures + 1))" : ""
        let wait = retryText(state).map { $0.replacingOccurrences(of: "retry in", with: "retrying in") } ?? "retrying…"
        lines.append(("\(wait)\(attempt) · R retries now · q quits", Style(bold: true, color: .warning)))
        let first = top + max((height - lines.count) / 2, 0)
        for (offset, (text, style)) in lines.enumerated() where offset < height {
            canvas.text(text, row: first + offset, column: 2, width: canvas.columns - 4, style: style, align: .center)
        }
    }

    // MARK: Rows

    /// One row. The selection is the `>` marker plus reverse video on the request id, not across the row: any
    /// cell whose style changes must be sent again, so a move rewrites two ids (about 100 bytes at 120×40)
    /// instead of two whole rows of text and reversed blanks (over 300). Marked rows are bold on their text.
    private static func row(
        _ state: ConsoleState, _ row: RequestRow, marked: Bool, selected: Bool, _ columns: ListColumns, y: Int,
        into canvas: inout Canvas
    ) {
        var base = Style.plain
        base.bold = marked
        canvas.text(selected ? ">" : " ", row: y, column: 0, width: 1, style: Style(bold: selected, reverse: selected))
        // Blank markers stay plain, so a row's start needs no attribute changes unless it shows something.
        canvas.text(marked ? "*" : " ", row: y, column: 1, width: 1, style: Style(bold: marked))
        canvas.text(
            row.flagged ? "!" : " ", row: y, column: 2, width: 1,
            style: Style(bold: row.flagged, color: row.flagged ? .danger : nil))
        // A request waiting for review (from the journal) is marked `?` until this session acts on it.
        let waiting: WorkState.RowState? = state.reviews[row.id] == nil ? nil : .finished(.needsReview)
        let (letter, color) = stateLetter(state.work.rows[row.id] ?? waiting)
        canvas.text(letter, row: y, column: 3, width: 1, style: Style(bold: letter != " ", color: color))
        canvas.fill(row: y, column: 4, width: canvas.columns - 4)
        for (column, x, width) in columns.layout {
            var style = base
            let text: String
            switch column {
            case .id:
                text = row.idText
                style.reverse = selected
            case .age: text = DurationText.age(of: row.created, at: state.now)
            case .environment:
                text = row.environmentLabel
                if row.environment == .production { style.bold = true }
            case .customer: text = row.customer
            case .subscription:
                text = row.subscription.isEmpty ? "(missing)" : row.subscription
                if row.subscription.isEmpty { style.color = .warning }
            case .product: text = row.product
            case .marketplace: text = ListColumns.marketplaceText(row.marketplace)
            case .assignee: text = row.assignee
            }
            canvas.text(
                text, row: y, column: x, width: width, style: style, align: column == .age ? .right : .left, pad: false)
        }
    }

    /// The one-letter state column: `~` working, `A` approved, `R` rejected, `F` failed, `?` needs review,
    /// `S` skipped (explained in the help).
    static func stateLetter(_ state: WorkState.RowState?) -> (String, ColorRole?) {
        switch state {
        case nil: (" ", nil)
        case .working: ("~", .accent)
        case .finished(let kind):
            switch kind {
            case .approved: ("A", .success)
            case .rejected: ("R", .success)
            case .failed: ("F", .danger)
            case .needsReview: ("?", .warning)
            case .skipped: ("S", .muted)
            }
        }
    }
}
