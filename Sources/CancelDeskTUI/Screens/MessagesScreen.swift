/// The message log, oldest first; opens scrolled to the newest.
enum MessagesScreen {
    static func lines(_ state: ConsoleState) -> [ScrollView.Row] {
        let entries = state.log.entries
        guard !entries.isEmpty else { return [ScrollView.Row(text: "No messages yet.", style: Style(dim: true))] }
        var rows: [ScrollView.Row] = []
        for entry in entries {
            let level = entry.level == .info ? "" : "\(entry.level.rawValue): "
            let style: Style
            switch entry.level {
            case .info: style = .plain
            case .warning: style = Style(bold: true, color: .warning)
            case .error: style = Style(bold: true, color: .danger)
            }
            rows += ScrollView.wrapped(
                "\(TimeText.clock(entry.at))  \(level)\(entry.text)", width: state.size.columns, indent: 11,
                style: style)
        }
        return rows
    }

    static func draw(_ state: ConsoleState, scroll: Int, into canvas: inout Canvas) {
        ScrollView.draw(
            title: "Messages (\(state.log.entries.count), times in UTC)", rows: lines(state), scroll: scroll,
            size: state.size, into: &canvas)
    }
}
