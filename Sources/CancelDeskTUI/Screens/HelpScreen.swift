/// The help overlay, generated from the effective keymap: the keys of the screen underneath, the keys that
/// work everywhere, what the list's markers mean, and the keymap file in use with any warnings.
enum HelpScreen {
    static func rows(_ state: ConsoleState, context: KeyContext) -> [ScrollView.Row] {
        var rows: [ScrollView.Row] = []
        let heading = Style(bold: true)
        func section(_ title: String, _ lines: [HelpLine]) {
            guard !lines.isEmpty else { return }
            if !rows.isEmpty { rows.append(ScrollView.Row(text: "")) }
            rows.append(ScrollView.Row(text: title, style: heading))
            let keysWidth = min(max(lines.map { DisplayWidth.of($0.keys) }.max() ?? 0, 8), 24)
            for line in lines {
                let keys = SafeText.clean(line.keys)
                let padded = keys + String(repeating: " ", count: max(keysWidth - DisplayWidth.of(keys), 0))
                rows.append(ScrollView.Row(text: "\(padded)  \(SafeText.clean(line.description))", column: 3))
            }
        }
        let own = state.help[context] ?? []
        section("Keys here (\(context.rawValue))", own)
        if context != .dialog, context != .prompt {
            // Help lines may already include the global keys the context falls back to; list the rest.
            let listed = Set(own.map(\.action))
            section("Keys everywhere", (state.help[.global] ?? []).filter { !listed.contains($0.action) })
        }
        if rows.isEmpty { rows.append(ScrollView.Row(text: "No keys are bound here.", style: Style(dim: true))) }
        rows.append(ScrollView.Row(text: ""))
        rows.append(ScrollView.Row(text: "List markers", style: heading))
        let legend = [
            ">  the selected request (the cursor rests on it)",
            state.context.readOnly
                ? "*  marked"
                : "*  marked: approve and reject act on every marked request, shown or hidden by the filter",
            "!  text from Connect or the vendor held control, escape or bidi characters; they are shown as \\u{…}",
            "~  being processed     A approved   R rejected",
            "F  failed              ?  needs review   S skipped",
            "ENV: prod production, test, prev preview",
        ]
        for line in legend { rows.append(ScrollView.Row(text: line, column: 3)) }
        if state.context.readOnly {
            rows.append(ScrollView.Row(text: ""))
            rows.append(
                ScrollView.Row(text: "READ-ONLY: approve and reject are disabled in this session.", style: heading))
        }
        if !state.context.keymapNotes.isEmpty {
            rows.append(ScrollView.Row(text: ""))
            rows.append(ScrollView.Row(text: "Keymap", style: heading))
            for note in state.context.keymapNotes {
                rows += ScrollView.wrapped(SafeText.clean(note), width: state.size.columns, column: 3)
            }
        }
        return rows
    }

    static func lineCount(_ state: ConsoleState, context: KeyContext) -> Int {
        rows(state, context: context).count
    }

    static func draw(_ state: ConsoleState, context: KeyContext, scroll: Int, into canvas: inout Canvas) {
        ScrollView.draw(
            title: "Help", rows: rows(state, context: context), scroll: scroll, size: state.size, into: &canvas)
    }
}
