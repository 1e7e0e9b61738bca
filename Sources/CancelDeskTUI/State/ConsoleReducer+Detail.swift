/// The detail screen: scrolling, and the next or previous request without going back.
extension ConsoleReducer {
    static func openDetail(_ state: inout ConsoleState) -> [ConsoleCommand] {
        guard let row = state.selectedRow, let request = state.table.request(row.id) else { return [] }
        state.screens.append(.detail(DetailView(request: request, scroll: 0)))
        return loadDetailHistory(&state, row.id)
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
    /// selection with it.
    static func stepDetail(_ state: inout ConsoleState, by step: Int) -> [ConsoleCommand] {
        guard case .detail(let view) = state.screens.last, !state.visible.isEmpty else { return [] }
        var position = state.cursor
        if let index = state.table.index(of: view.requestID), let found = state.visible.firstIndex(of: index) {
            position = found
        }
        let target = position + step
        guard target >= 0, target < state.visible.count else {
            state.log.add(.info, step > 0 ? "this is the last request" : "this is the first request", at: state.now)
            return []
        }
        moveCursor(&state, to: target)
        guard let row = state.selectedRow, let request = state.table.request(row.id) else { return [] }
        state.screens[state.screens.count - 1] = .detail(DetailView(request: request, scroll: 0))
        return loadDetailHistory(&state, row.id)
    }
}
