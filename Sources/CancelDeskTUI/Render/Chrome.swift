/// The rows every screen shares: the title bar with badges, the status line and the key hints.
enum Chrome {
    static func titleBar(_ state: ConsoleState, into canvas: inout Canvas) {
        let bar = Style(reverse: true)
        canvas.fill(row: 0, column: 0, width: canvas.columns, style: bar)
        var x = canvas.text(" canceldesk ", row: 0, column: 0, width: 12, style: Style(bold: true, reverse: true))
        let badge = Style(bold: true, color: .badge)
        if state.context.isDemo {
            x += 1
            x += canvas.text("[DEMO]", row: 0, column: x, width: 6, style: badge)
        }
        if state.context.readOnly {
            x += 1
            x += canvas.text("[READ-ONLY]", row: 0, column: x, width: 11, style: badge)
        }
        x += 2
        let account = SafeText.clean(state.context.accountLabel, limit: 200)
        let endpoint = SafeText.clean(state.context.endpoint, limit: 300)
        let location = [account, endpoint].filter { !$0.isEmpty }.joined(separator: " · ")
        canvas.text(location, row: 0, column: x, width: canvas.columns - x - 1, style: bar)
    }

    /// The newest message (with its level as a word), the batch progress, or the filter prompt being typed.
    static func statusLine(_ state: ConsoleState, into canvas: inout Canvas, parkCursor: Bool) {
        let row = ScreenLayout.statusRow(state.size)
        if let line = promptLine(state) {
            let (typed, hint) = line
            let hintWidth = hint.isEmpty ? 0 : min(DisplayWidth.of(hint) + 2, canvas.columns / 3)
            let used = canvas.text(
                typed, row: row, column: 0, width: canvas.columns - 1 - hintWidth,
                style: Style(bold: true))
            canvas.text("", row: row, column: used, width: canvas.columns - used)
            if hintWidth > 0 {
                canvas.text(
                    hint + " ", row: row, column: canvas.columns - hintWidth, width: hintWidth,
                    style: Style(dim: true), align: .right)
            }
            // The filter prompt edits at a cursor; the other prompts type at their end.
            let before =
                state.promptFocus == .filter
                ? 1 + DisplayWidth.of(String(state.filter.prefix(state.filterCursor))) : used
            if parkCursor { canvas.park(row: row, column: min(before, used, canvas.columns - 1)) }
            return
        }
        var x = 0
        if let progress = state.work.progressLabel {
            x += canvas.text(
                progress + "  ", row: row, column: 0, width: canvas.columns / 2,
                style: Style(bold: true, color: .accent), pad: false)
        }
        guard let last = state.log.last else {
            canvas.fill(row: row, column: x, width: canvas.columns - x)
            return
        }
        let style: Style
        let prefix: String
        switch last.level {
        case .info:
            style = .plain
            prefix = ""
        case .warning:
            style = Style(bold: true, color: .warning)
            prefix = "warning: "
        case .error:
            style = Style(bold: true, color: .danger)
            prefix = "error: "
        }
        canvas.text(prefix + last.text, row: row, column: x, width: canvas.columns - x, style: style)
    }

    /// The prompt being typed on the status line (`/filter`, `:command`, a detail `/search`) and a hint for its
    /// right end; nil when none is open (the reason prompt lives in its dialog).
    static func promptLine(_ state: ConsoleState) -> (String, String)? {
        switch state.promptFocus {
        case .filter?:
            return ("/" + state.filter, ListScreen.matchText(state) ?? "")
        case .command?:
            return (":" + state.command, "Tab completes · goto sort filter mark")
        case .detailSearch?:
            guard let view = state.detail else { return nil }
            let count = state.detailSearch.isEmpty ? 0 : DetailSearch.matchingRows(state, view).count
            return ("/" + state.detailSearch, state.detailSearch.isEmpty ? "" : "\(count) line(s) match")
        default:
            return nil
        }
    }

    /// The most useful keys of the current context, from the effective keymap.
    static func hints(_ state: ConsoleState, _ hints: KeyHints, into canvas: inout Canvas) {
        let row = ScreenLayout.hintRow(state.size)
        let context = state.keyContext
        var items: [(KeyAction, String)]
        switch context {
        case .list, .global:
            items = [
                (.open, "open"), (.approve, "approve"), (.reject, "reject"), (.markToggle, "mark"), (.filter, "filter"),
                (.help, "help"), (.quit, "quit"), (.sortNext, "sort"), (.command, "command"),
                (.refreshPause, state.paused ? "resume" : "pause"), (.refresh, "refresh"),
                (.previewToggle, state.showsPreview ? "hide preview" : "preview"), (.markUndo, "undo mark"),
                (.copyID, "copy id"),
            ]
        case .detail:
            items = [
                (.back, "back"), (.itemNext, "next"), (.itemPrev, "previous"), (.approve, "approve"),
                (.reject, "reject"), (.search, "search"), (.help, "help"), (.quit, "quit"), (.scrollDown, "scroll"),
                (.markToggle, "mark"), (.copyID, "copy id"),
            ]
        case .dialog:
            switch state.dialog?.phase {
            case .scope?:
                items = [(.scopeOne, "this one"), (.scopeMarked, "marked"), (.activate, "choose"), (.cancel, "cancel")]
            case .finished?: items = [(.activate, "close"), (.cancel, "close")]
            default: items = [(.confirm, "confirm"), (.cancel, "cancel"), (.focusNext, "focus"), (.activate, "press")]
            }
        case .prompt:
            switch state.promptFocus {
            case .filter?: items = [(.submit, "apply"), (.cancel, "cancel")]
            case .command?: items = [(.submit, "run"), (.presetNext, "complete"), (.cancel, "cancel")]
            case .detailSearch?: items = [(.submit, "find"), (.cancel, "cancel")]
            default: items = [(.submit, "reject"), (.cancel, "cancel")]
            }
        case .help:
            items = [(.close, "close"), (.scrollDown, "scroll"), (.quit, "quit")]
        case .progress:
            items = [
                (.batchStop, state.dialog?.stopping == true ? "stopping" : "stop"), (.batchHide, "hide"),
                (.help, "help"), (.quit, "quit"),
            ]
        }
        if state.context.readOnly { items.removeAll { $0.0.isDestructive } }
        var x = 1
        canvas.fill(row: row, column: 0, width: canvas.columns, style: Style(reverse: true))
        for (action, label) in items {
            guard let key = hints.label(action, in: context) else { continue }
            let keyWidth = DisplayWidth.of(key)
            let labelWidth = DisplayWidth.of(label)
            guard x + keyWidth + 1 + labelWidth < canvas.columns else { break }
            x += canvas.text(key, row: row, column: x, width: keyWidth, style: Style(bold: true, reverse: true))
            x += 1
            x += canvas.text(label, row: row, column: x, width: labelWidth, style: Style(reverse: true))
            x += 2
        }
    }
}
