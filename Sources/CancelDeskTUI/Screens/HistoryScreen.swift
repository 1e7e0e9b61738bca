/// The decision journal, newest first: what was decided, by whom, with which vendor and Connect outcome.
enum HistoryScreen {
    static func lines(_ state: ConsoleState) -> [ScrollView.Row] {
        switch state.journal {
        case .idle, .loading:
            return [ScrollView.Row(text: "Reading the journal…", style: Style(dim: true))]
        case .failed(let message):
            return [
                ScrollView.Row(text: "error: the journal could not be read: \(message)", style: Style(color: .danger))
            ]
        case .loaded(let entries):
            guard !entries.isEmpty else {
                return [ScrollView.Row(text: "The journal is empty.", style: Style(dim: true))]
            }
            var rows: [ScrollView.Row] = []
            for entry in entries {
                let (text, altered) = JournalText.summary(entry, includeRequest: true)
                rows += ScrollView.wrapped(
                    "\(TimeText.utc(entry.at, seconds: true))  \(text)", width: state.size.columns, indent: 26,
                    flagged: altered)
            }
            return rows
        }
    }

    static func draw(_ state: ConsoleState, scroll: Int, into canvas: inout Canvas) {
        let count = state.journal.value.map { " (\($0.count) entries, newest first)" } ?? ""
        ScrollView.draw(title: "Journal" + count, rows: lines(state), scroll: scroll, size: state.size, into: &canvas)
    }
}
