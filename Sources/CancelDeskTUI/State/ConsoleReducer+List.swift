/// The list: moving, filtering, sorting and marking.
extension ConsoleReducer {
    static func listKey(_ state: inout ConsoleState, _ action: KeyAction?) -> [ConsoleCommand] {
        let page = ScreenLayout.listHeight(state.size)
        switch action {
        case .cursorUp: moveCursor(&state, to: state.cursor - 1)
        case .cursorDown: moveCursor(&state, to: state.cursor + 1)
        case .pageUp: moveCursor(&state, to: state.cursor - page, scrollBy: -page)
        case .pageDown: moveCursor(&state, to: state.cursor + page, scrollBy: page)
        case .cursorTop: moveCursor(&state, to: 0)
        case .cursorBottom: moveCursor(&state, to: state.visible.count - 1)
        case .open: return openDetail(&state)
        case .filter: state.filterEditing = true
        case .filterClear: setFilter(&state, "")
        case .sortNext: setSort(&state, SortOrder(key: state.sort.key.next, ascending: true))
        case .sortReverse: setSort(&state, SortOrder(key: state.sort.key, ascending: !state.sort.ascending))
        case .markToggle: toggleMark(&state)
        case .markAllVisible: markAllVisible(&state)
        case .markClear: clearMarks(&state)
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
        case .clear:
            setFilter(&state, "")
        case .deleteWord:
            setFilter(&state, TextEditing.deletingWord(state.filter))
        default:
            if let edited = TextEditing.apply(key, to: state.filter) { setFilter(&state, edited) }
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
        let height = ScreenLayout.listHeight(state.size)
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
        let query = FilterQuery(text)
        guard query != state.appliedQuery else { return }
        if query.narrows(state.appliedQuery) {
            state.visible = state.table.corpus.filter(state.visible, query)
        } else {
            state.visible = state.table.corpus.filter(state.sorted, query)
        }
        state.appliedQuery = query
        recountMarkedVisible(&state)
        followSelection(&state, fallback: 0)
    }

    static func setSort(_ state: inout ConsoleState, _ order: SortOrder) {
        state.sort = order
        state.sorted = order.order(state.table)
        state.visible = state.table.corpus.filter(state.sorted, state.appliedQuery)
        followSelection(&state, fallback: state.cursor)
        state.log.add(.info, "sorted by \(order.label)", at: state.now)
    }

    /// Rebuilds the sort order and the filtered rows from scratch (a new snapshot).
    static func rebuildList(_ state: inout ConsoleState) {
        state.sorted = state.sort.order(state.table)
        state.visible = state.table.corpus.filter(state.sorted, state.appliedQuery)
    }

    // MARK: Marks

    static func toggleMark(_ state: inout ConsoleState) {
        guard let row = state.selectedRow else { return }
        let marked = !state.marks.contains(row.id)
        setMark(&state, row.id, marked)
        state.markedVisible += marked ? 1 : -1
        moveCursor(&state, to: state.cursor + 1)
    }

    /// Marks every row the filter shows; rows it hides are left as they are.
    static func markAllVisible(_ state: inout ConsoleState) {
        state.marks.reserveCapacity(state.marks.count + state.visible.count)
        for index in state.visible where !state.markedRows[index] {
            state.markedRows[index] = true
            state.marks.insert(state.table.rows[index].id)
        }
        state.markedVisible = state.visible.count
    }

    static func clearMarks(_ state: inout ConsoleState) {
        state.marks.removeAll()
        state.markedRows = Array(repeating: false, count: state.table.count)
        state.markedVisible = 0
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

    static func recountMarkedVisible(_ state: inout ConsoleState) {
        guard !state.marks.isEmpty else {
            state.markedVisible = 0
            return
        }
        let marked = state.markedRows
        state.markedVisible = state.visible.reduce(0) { $0 + (marked[$1] ? 1 : 0) }
    }
}
