/// `/` in the detail view: find text in the request's document, jump to it, and `n`/`N` through the matches.
extension ConsoleReducer {
    static func detailSearchKey(_ state: inout ConsoleState, _ action: KeyAction?, _ key: Key) -> [ConsoleCommand] {
        switch action {
        case .submit:
            state.detailSearchEditing = false
        case .cancel:
            state.detailSearchEditing = false
            setDetailSearch(&state, "")
        case .clear:
            setDetailSearch(&state, "")
        case .deleteWord:
            setDetailSearch(&state, TextEditing.deletingWord(state.detailSearch))
        default:
            if let edited = TextEditing.apply(key, to: state.detailSearch) { setDetailSearch(&state, edited) }
        }
        return []
    }

    /// Opens the search prompt for a new search.
    static func startDetailSearch(_ state: inout ConsoleState) {
        state.detailSearchEditing = true
        state.detailSearch = ""
        state.detailMatch = nil
    }

    /// A new search text: the view jumps to the first match from the top of what is on screen.
    static func setDetailSearch(_ state: inout ConsoleState, _ text: String) {
        state.detailSearch = text
        state.detailMatch = nil
        guard !text.isEmpty, case .detail(let view) = state.screens.last else { return }
        let matches = DetailSearch.matchingRows(state, view)
        guard let first = matches.first(where: { $0 >= view.scroll }) ?? matches.first else { return }
        showMatch(&state, first)
    }

    /// `n`/`N` in the detail view: the next or previous line with a match, wrapping around.
    static func stepDetailMatch(_ state: inout ConsoleState, by step: Int) {
        guard !state.detailSearch.isEmpty, case .detail(let view) = state.screens.last else {
            state.log.add(.info, "no search to step through: / searches this request, then n and N", at: state.now)
            return
        }
        let matches = DetailSearch.matchingRows(state, view)
        guard !matches.isEmpty else {
            state.log.add(.warning, "no match for \"\(state.detailSearch)\"", at: state.now)
            return
        }
        let current = state.detailMatch ?? (step > 0 ? view.scroll - 1 : view.scroll)
        let next = step > 0 ? matches.first { $0 > current } : matches.last { $0 < current }
        if let next {
            showMatch(&state, next)
        } else {
            showMatch(&state, step > 0 ? matches[0] : matches[matches.count - 1])
            state.log.add(.info, step > 0 ? "search wrapped to the top" : "search wrapped to the bottom", at: state.now)
        }
    }

    /// Makes `row` the current match and scrolls it into view (near the top when it was off screen).
    private static func showMatch(_ state: inout ConsoleState, _ row: Int) {
        guard case .detail(var view) = state.screens.last else { return }
        state.detailMatch = row
        let page = contentHeight(state)
        if row < view.scroll || row >= view.scroll + page {
            let limit = max(DetailScreen.lineCount(state, view) - page, 0)
            view.scroll = min(max(row - 2, 0), limit)
            state.screens[state.screens.count - 1] = .detail(view)
        }
    }
}
