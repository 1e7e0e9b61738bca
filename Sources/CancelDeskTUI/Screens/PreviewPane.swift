import CancelDeskCore

/// The preview pane below the list: the cursor request as read from Connect (its list row until the read
/// arrives), from the top, as much as fits; `v` hides it, `Enter` opens the full detail.
enum PreviewPane {
    static func draw(_ state: ConsoleState, into canvas: inout Canvas) {
        let height = ScreenLayout.previewHeight(state.size)
        guard height > 1, let row = state.selectedRow else {
            if height > 0 { heading(state, nil, into: &canvas) }
            return
        }
        heading(state, row, into: &canvas)
        let preview = state.preview
        let document: DetailDocument
        if preview.requestID == row.id, let request = preview.request {
            document = DetailDocument(
                request, history: nil, context: state.context, now: state.now, staleError: preview.loadError)
        } else {
            let error = preview.requestID == row.id ? preview.loadError : nil
            document = DetailDocument(listed: row, requestID: row.id, loadError: error, history: nil, now: state.now)
        }
        // Long values (a 5,000-character note) take two rows here, so the subscription stays in view.
        let rows = DetailScreen.wrap(document, width: canvas.columns, maxRows: 2)
        let first = top(state.size) + 1
        for (offset, line) in rows.prefix(height - 1).enumerated() {
            let y = first + offset
            if line.flagged { canvas.text("!", row: y, column: 0, width: 1, style: Style(bold: true, color: .danger)) }
            if !line.label.isEmpty {
                canvas.text(
                    line.label, row: y, column: DetailScreen.labelColumn, width: DetailScreen.labelWidth,
                    style: Style(dim: true))
            }
            canvas.text(line.text, row: y, column: line.column, width: canvas.columns - line.column, style: line.style)
        }
    }

    /// The first row of the pane (its heading).
    static func top(_ size: TerminalSize) -> Int {
        ScreenLayout.listTop + ScreenLayout.listHeight(size, preview: true)
    }

    private static func heading(_ state: ConsoleState, _ row: RequestRow?, into canvas: inout Canvas) {
        let y = top(state.size)
        let style = Style(bold: true, underline: true)
        canvas.fill(row: y, column: 0, width: canvas.columns, style: style)
        var text = " preview"
        if let row {
            text += ": \(row.idText)"
            let current = state.preview.requestID == row.id
            if current, state.preview.request == nil, state.preview.loadError != nil {
                text += " · could not be read"
            } else if !current || state.preview.request == nil {
                text += " · as listed (reading…)"
            }
        }
        canvas.text(text, row: y, column: 0, width: canvas.columns, style: style)
    }
}
