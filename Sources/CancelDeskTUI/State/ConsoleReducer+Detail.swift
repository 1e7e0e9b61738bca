import CancelDeskCore

/// The detail screen: reading the request in full, scrolling, and the next or previous request without going back.
extension ConsoleReducer {
    /// Opens the selected request: the screen shows its row at once and the request in full once read.
    static func openDetail(_ state: inout ConsoleState) -> [ConsoleCommand] {
        guard let row = state.selectedRow else { return [] }
        state.detailMatch = nil
        state.screens.append(.detail(DetailView(requestID: row.id)))
        return [.loadRequest(requestID: row.id)] + loadDetailHistory(&state, row.id)
    }

    /// A request read in full: every detail view of it shows it.
    static func requestLoaded(_ state: inout ConsoleState, _ request: FulfillmentRequest) {
        previewLoaded(&state, request)
        for index in state.screens.indices {
            guard case .detail(var view) = state.screens[index], view.requestID == request.id else { continue }
            view.request = request
            view.loadError = nil
            state.screens[index] = .detail(view)
        }
        clampScrolls(&state)
    }

    static func requestFailed(_ state: inout ConsoleState, _ id: String, _ message: String) {
        previewFailed(&state, id, message)
        let text = SafeText.clean(message, limit: 500)
        var shown = false
        for index in state.screens.indices {
            guard case .detail(var view) = state.screens[index], view.requestID == id else { continue }
            view.loadError = text
            state.screens[index] = .detail(view)
            shown = true
        }
        guard shown else { return }
        let idText = SafeText.clean(id, limit: SafeText.rowLimit)
        state.log.add(.warning, "\(idText) could not be read: \(text)", at: state.now)
    }

    static func loadDetailHistory(_ state: inout ConsoleState, _ id: String) -> [ConsoleCommand] {
        state.historyFor = id
        state.detailHistory = .loading
        return [.loadHistory(requestID: id)]
    }

    static func detailKey(_ state: inout ConsoleState, _ action: KeyAction?, _ key: Key) -> [ConsoleCommand] {
        guard case .detail(var view) = state.screens.last else { return [] }
        let page = contentHeight(state)
        var delta = 0
        switch action {
        case .back, .close, .cancel:
            state.screens.removeLast()
            return []
        case .scrollUp, .cursorUp: delta = -1
        case .scrollDown, .cursorDown: delta = 1
        case .pageUp: delta = -page
        case .pageDown: delta = page
        case .markToggle:
            toggleDetailMark(&state, view.requestID)
            return []
        case .copyID, .copySubscription:
            let row = detailRowForCopy(state)
            return copy(&state, action, row: row)
        case .search:
            startDetailSearch(&state)
            return []
        case .matchNext:
            stepDetailMatch(&state, by: 1)
            return []
        case .matchPrev:
            stepDetailMatch(&state, by: -1)
            return []
        case .itemNext: return stepDetail(&state, by: 1)
        case .itemPrev: return stepDetail(&state, by: -1)
        case .approve:
            openDecision(&state, .approve, from: .detail)
            return []
        case .reject:
            openDecision(&state, .reject, from: .detail)
            return []
        case nil:
            switch key {
            case .escape:
                state.screens.removeLast()
                return []
            case .up: delta = -1
            case .down: delta = 1
            case .pageUp: delta = -page
            case .pageDown, .space: delta = page
            case .home: delta = Int.min / 2
            case .end: delta = Int.max / 2
            default: return []
            }
        default:
            return []
        }
        let limit = max(DetailScreen.lineCount(state, view) - page, 0)
        view.scroll = min(max(view.scroll + delta, 0), limit)
        state.screens[state.screens.count - 1] = .detail(view)
        return []
    }

    /// Shows the request before or after this one in the list (as filtered and sorted), moving the list's
    /// selection with it. When the request shown has left the list (decided, and the list refreshed), the row
    /// that took its place is the next one: `J` opens it rather than the one after it.
    static func stepDetail(_ state: inout ConsoleState, by step: Int) -> [ConsoleCommand] {
        guard case .detail(let view) = state.screens.last, !state.visible.isEmpty else { return [] }
        let target: Int
        if let index = state.table.index(of: view.requestID), let found = state.visible.firstIndex(of: index) {
            target = found + step
        } else {
            // The list's selection stayed at the shown request's old place, now held by the request after it.
            target = step > 0 ? state.cursor : state.cursor + step
        }
        guard target >= 0, target < state.visible.count else {
            state.log.add(.info, step > 0 ? "this is the last request" : "this is the first request", at: state.now)
            return []
        }
        moveCursor(&state, to: target)
        state.detailMatch = nil
        guard let row = state.selectedRow else { return [] }
        state.screens[state.screens.count - 1] = .detail(DetailView(requestID: row.id))
        return [.loadRequest(requestID: row.id)] + loadDetailHistory(&state, row.id)
    }

    /// "Decide then next": after the request a detail view shows was decided, the view moves on to the next
    /// request in the list (as filtered and sorted) that this session has not decided and is not working on.
    static func openNextUndecided(_ state: inout ConsoleState, after id: String) -> [ConsoleCommand] {
        guard let index = state.screens.lastIndex(where: { if case .detail = $0 { true } else { false } }),
            index == state.screens.count - 1, case .detail(let view) = state.screens[index], view.requestID == id
        else { return [] }
        let start: Int
        if let row = state.table.index(of: id), let position = state.visible.firstIndex(of: row) {
            start = position + 1
        } else {
            start = state.cursor
        }
        var position = start
        while position < state.visible.count {
            let candidate = state.table.rows[state.visible[position]].id
            if state.work.inFlight[candidate] == nil, !isDecided(state, candidate) { break }
            position += 1
        }
        guard position < state.visible.count else {
            state.log.add(.info, "no undecided request after this one", at: state.now)
            return []
        }
        moveCursor(&state, to: position)
        guard let row = state.selectedRow else { return [] }
        state.screens[index] = .detail(DetailView(requestID: row.id))
        return [.loadRequest(requestID: row.id)] + loadDetailHistory(&state, row.id)
    }

    /// Approved or rejected this session.
    static func isDecided(_ state: ConsoleState, _ id: String) -> Bool {
        if case .finished(let kind)? = state.work.rows[id] { return kind == .approved || kind == .rejected }
        return false
    }
}
