/// The list: moving, filtering, sorting and marking.
extension ConsoleReducer {
    static func listKey(_ state: inout ConsoleState, _ action: KeyAction?) -> [ConsoleCommand] {
        let page = state.listHeight
        switch action {
        case .cursorUp: moveCursor(&state, to: state.cursor - 1)
        case .cursorDown: moveCursor(&state, to: state.cursor + 1)
        case .pageUp: moveCursor(&state, to: state.cursor - page, scrollBy: -page)
        case .pageDown: moveCursor(&state, to: state.cursor + page, scrollBy: page)
        case .cursorTop: moveCursor(&state, to: 0)
        case .cursorBottom: moveCursor(&state, to: state.visible.count - 1)
        case .open: return openDetail(&state)
        case .filter:
            state.filterEditing = true
            state.filterCursor = state.filter.count
        case .filterClear: setFilter(&state, "")
        case .reviewFilter: toggleReviewFilter(&state)
        case .sortNext: setSort(&state, SortOrder(key: state.sort.key.next, ascending: true))
        case .sortReverse: setSort(&state, SortOrder(key: state.sort.key, ascending: !state.sort.ascending))
        case .markToggle: toggleMark(&state)
        case .markAllVisible: markAllVisible(&state)
        case .markClear: clearMarks(&state)
        case .markUndo: undoMark(&state)
        case .previewToggle: togglePreview(&state)
        case .copyID, .copySubscription:
            let row = state.selectedRow
            return copy(&state, action, row: row)
        case .approve: openDecision(&state, .approve, from: .list)
        case .reject: openDecision(&state, .reject, from: .list)
        case .refreshPause:
            state.paused.toggle()
            state.log.add(.info, state.paused ? "auto-refresh paused" : "auto-refresh resumed", at: state.now)
        case .matchNext: stepMatch(&state, by: 1)
        case .matchPrev: stepMatch(&state, by: -1)
        case .command:
            state.commandEditing = true
            state.command = ""
        case .sortLeft: moveSortColumn(&state, by: -1)
        case .sortRight: moveSortColumn(&state, by: 1)
        default: break
        }
        return []
    }

    /// `n`/`N` in the list: the next or previous row the filter matches, wrapping around at either end. (Every
    /// row shown matches the filter; without one there is nothing to step through.)
    static func stepMatch(_ state: inout ConsoleState, by step: Int) {
        guard !state.appliedQuery.isEmpty else {
            state.log.add(.info, "no filter to step through: / filters the list, then n and N", at: state.now)
            return
        }
        let count = state.visible.count
        guard count > 0 else {
            state.log.add(.warning, "0 of \(state.table.count) match the filter", at: state.now)
            return
        }
        var target = state.cursor + step
        if target >= count {
            target = 0
            state.log.add(.info, "wrapped to the first match", at: state.now)
        } else if target < 0 {
            target = count - 1
            state.log.add(.info, "wrapped to the last match", at: state.now)
        }
        moveCursor(&state, to: target)
    }

    /// `<`/`>`: sort by the column left or right of the one sorted by now (as htop), among the columns shown.
    static func moveSortColumn(_ state: inout ConsoleState, by step: Int) {
        let content = state.table.count == 0 ? ColumnWidths.typical : state.table.widths
        let keys = ListColumns(width: state.size.columns, content: content).sortKeys
        guard !keys.isEmpty else { return }
        let position = keys.firstIndex(of: state.sort.key) ?? (step > 0 ? -1 : keys.count)
        let next = keys[((position + step) % keys.count + keys.count) % keys.count]
        setSort(&state, SortOrder(key: next, ascending: true))
    }

    /// The `/` prompt: every character narrows the list at once.
    static func filterKey(_ state: inout ConsoleState, _ action: KeyAction?, _ key: Key) -> [ConsoleCommand] {
        switch action {
        case .submit:
            state.filterEditing = false
        case .cancel:
            state.filterEditing = false
            setFilter(&state, "")
        default:
            let field = TextEditing.Field(state.filter, cursor: state.filterCursor)
            if let edited = TextEditing.edit(field, action, key) {
                setFilter(&state, edited.text)
                state.filterCursor = edited.cursor
            }
        }
        return []
    }

    // MARK: Cursor

    /// Moves the selection to `position` (clamped) and scrolls so it stays on screen; `scrollBy` moves the
    /// viewport too (paging keeps the selection's place on screen).
    static func moveCursor(_ state: inout ConsoleState, to position: Int, scrollBy: Int = 0) {
        guard !state.visible.isEmpty else {
            state.cursor = 0
            state.top = 0
            state.selectedID = nil
            return
        }
        state.cursor = min(max(position, 0), state.visible.count - 1)
        state.selectedID = state.table.rows[state.visible[state.cursor]].id
        if scrollBy != 0 { state.top += scrollBy }
        clampList(&state)
    }

    /// Keeps the cursor inside the list and the viewport around the cursor.
    static func clampList(_ state: inout ConsoleState) {
        let count = state.visible.count
        let height = state.listHeight
        state.cursor = count == 0 ? 0 : min(max(state.cursor, 0), count - 1)
        if state.cursor < state.top { state.top = state.cursor }
        if state.cursor >= state.top + height { state.top = state.cursor - height + 1 }
        state.top = min(max(state.top, 0), max(count - height, 0))
    }

    /// Puts the cursor back on `selectedID` after the rows changed; when that request is gone, the row now at
    /// the old position (clamped) is selected.
    static func followSelection(_ state: inout ConsoleState, fallback: Int) {
        if let id = state.selectedID, let index = state.table.index(of: id),
            let position = state.visible.firstIndex(of: index)
        {
            state.cursor = position
            clampList(&state)
        } else {
            moveCursor(&state, to: fallback)
        }
    }

    // MARK: Filter and sort

    /// Applies a new filter text: narrows the current result when the text only grew, else filters all rows.
    static func setFilter(_ state: inout ConsoleState, _ text: String) {
        state.filter = text
        state.filterCursor = min(state.filterCursor, text.count)
        let query = FilterQuery(text)
        guard query != state.appliedQuery else { return }
        if query.narrows(state.appliedQuery) {
            state.visible = state.table.corpus.filter(state.visible, query)
        } else {
            state.visible = reviewFiltered(state, state.table.corpus.filter(state.sorted, query))
        }
        state.appliedQuery = query
        recountMarkedVisible(&state)
        followSelection(&state, fallback: 0)
    }

    static func setSort(_ state: inout ConsoleState, _ order: SortOrder) {
        state.sort = order
        state.sorted = order.order(state.table)
        state.visible = reviewFiltered(state, state.table.corpus.filter(state.sorted, state.appliedQuery))
        followSelection(&state, fallback: state.cursor)
        state.log.add(.info, "sorted by \(order.label)", at: state.now)
    }

    /// Rebuilds the sort order and the filtered rows from scratch (a new snapshot).
    static func rebuildList(_ state: inout ConsoleState) {
        state.sorted = state.sort.order(state.table)
        state.visible = reviewFiltered(state, state.table.corpus.filter(state.sorted, state.appliedQuery))
    }

    // MARK: Marks

    static func toggleMark(_ state: inout ConsoleState) {
        guard let row = state.selectedRow else { return }
        let marked = !state.marks.contains(row.id)
        setMark(&state, row.id, marked)
        state.markedVisible += marked ? 1 : -1
        recordMarkChange(&state, marked ? .unmark([row.id]) : .mark([row.id]))
        moveCursor(&state, to: state.cursor + 1)
    }

    /// Marks or unmarks the request the detail view shows (the view stays on it).
    static func toggleDetailMark(_ state: inout ConsoleState, _ id: String) {
        let marked = !state.marks.contains(id)
        guard setMark(&state, id, marked) else { return }
        if state.isVisible(id) { state.markedVisible += marked ? 1 : -1 }
        recordMarkChange(&state, marked ? .unmark([id]) : .mark([id]))
        let idText = SafeText.clean(id, limit: SafeText.rowLimit)
        state.log.add(.info, "\(idText) \(marked ? "marked" : "unmarked"); \(state.marks.count) marked", at: state.now)
    }

    /// Marks every row the filter shows; rows it hides are left as they are.
    static func markAllVisible(_ state: inout ConsoleState) {
        state.marks.reserveCapacity(state.marks.count + state.visible.count)
        var added: [String] = []
        for index in state.visible where !state.markedRows[index] {
            state.markedRows[index] = true
            let id = state.table.rows[index].id
            state.marks.insert(id)
            added.append(id)
        }
        state.markedVisible = state.visible.count
        if !added.isEmpty { recordMarkChange(&state, .unmark(added)) }
    }

    /// Clears every mark, saying how many; `u` brings them back.
    static func clearMarks(_ state: inout ConsoleState) {
        guard !state.marks.isEmpty else {
            state.log.add(.info, "no marks to clear", at: state.now)
            return
        }
        let cleared = state.marks
        state.marks = []
        state.markedRows = Array(repeating: false, count: state.table.count)
        state.markedVisible = 0
        recordMarkChange(&state, .mark(Array(cleared)))
        state.log.add(.info, "cleared \(cleared.count) mark(s); u undoes", at: state.now)
    }

    /// Remembers how to undo a mark change (the oldest is forgotten past ``MarkChange/limit``).
    static func recordMarkChange(_ state: inout ConsoleState, _ undo: MarkChange) {
        state.markUndo.append(undo)
        let excess = state.markUndo.count - MarkChange.limit
        if excess > 0 { state.markUndo.removeFirst(excess) }
    }

    /// Undoes the newest mark change; requests that left the queue (and are not in flight) are not marked again.
    static func undoMark(_ state: inout ConsoleState) {
        guard let change = state.markUndo.popLast() else {
            state.log.add(.info, "no mark change to undo", at: state.now)
            return
        }
        var changed = 0
        switch change {
        case .mark(let ids):
            for id in ids where state.table.contains(id) || state.work.inFlight[id] != nil {
                if setMark(&state, id, true) { changed += 1 }
            }
            state.log.add(.info, "undone: \(changed) marked again; \(state.marks.count) marked", at: state.now)
        case .unmark(let ids):
            for id in ids where setMark(&state, id, false) { changed += 1 }
            state.log.add(.info, "undone: \(changed) unmarked; \(state.marks.count) marked", at: state.now)
        }
        recountMarkedVisible(&state)
    }

    /// `v`: shows or hides the preview pane; the list keeps the cursor on screen.
    static func togglePreview(_ state: inout ConsoleState) {
        state.previewChoice = !state.showsPreview
        if state.previewChoice == true, !state.showsPreview {
            state.log.add(.info, "the terminal is too small for the preview pane", at: state.now)
        }
        clampList(&state)
    }

    /// Marks or unmarks one request; returns whether anything changed.
    @discardableResult
    static func setMark(_ state: inout ConsoleState, _ id: String, _ marked: Bool) -> Bool {
        let changed = marked ? state.marks.insert(id).inserted : state.marks.remove(id) != nil
        if changed, let index = state.table.index(of: id) { state.markedRows[index] = marked }
        return changed
    }

    /// Rebuilds the per-row marks for a new table, dropping marks of requests that left (unless in flight).
    static func rebuildMarks(_ state: inout ConsoleState) {
        let table = state.table
        state.marks = state.marks.filter { table.contains($0) || state.work.inFlight[$0] != nil }
        state.markedRows = Array(repeating: false, count: table.count)
        for id in state.marks {
            if let index = table.index(of: id) { state.markedRows[index] = true }
        }
    }

    /// How many marked requests failed (or were skipped or left for review) this session: kept marked, and counted.
    static func failedMarks(_ state: ConsoleState) -> Int {
        state.work.rows.reduce(0) { count, entry in
            guard case .finished(let kind) = entry.value, kind != .approved, kind != .rejected,
                state.marks.contains(entry.key)
            else { return count }
            return count + 1
        }
    }

    static func recountMarkedVisible(_ state: inout ConsoleState) {
        guard !state.marks.isEmpty else {
            state.markedVisible = 0
            return
        }
        let marked = state.markedRows
        state.markedVisible = state.visible.reduce(0) { $0 + (marked[$1] ? 1 : 0) }
    }
}
