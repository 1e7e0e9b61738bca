import CancelDeskCore
import Foundation

/// The approve and reject dialogs, drawn as a box over the screen beneath. They name every target (as many as
/// fit, then how many more), the subscription ids, the vendor call and the template; the reject dialog shows
/// the presets, the reason as typed and the last error beside it.
enum DialogScreen {
    /// One line of a dialog's body.
    struct Line {
        var text: String
        var style = Style.plain
        /// A field label drawn before the text.
        var label = ""
        /// Drawn at the value column without a label (a wrapped field's next line).
        var continuation = false
        /// One of the listed targets: cut to one line, and the first to go when the box is too short.
        var isTarget = false
        /// Explanation the box can do without when the terminal is short.
        var optional = false
        /// Wrapped in full, continuing indented under itself (a result's reason).
        var wraps = false
        /// Columns the line starts right of the box's text column (a wrapped line's continuation).
        var indent = 0
    }

    static let labelWidth = 14

    /// Where everything goes: the box and the body lines on screen.
    struct Layout {
        var width: Int
        var inner: Int
        var head: [Line]
        var list: [Line]
        var tail: [Line]
        /// The list's lines on screen, and where they start.
        var listHeight: Int
        var scroll: Int
        var listNoun: String

        var scrollLimit: Int { max(list.count - listHeight, 0) }
        /// True when the list does not fit whole: an indicator line says which part is shown.
        var scrolls: Bool { list.count > listHeight }
    }

    /// Lays a dialog out for the terminal: head and tail stay (optional explanation goes first when short of
    /// rows), the list scrolls in what is left.
    static func layout(_ state: ConsoleState, _ dialog: DecisionDialog) -> Layout {
        let width = min(state.size.columns - 4, 78)
        let inner = width - 4
        let maxBody = max(state.size.rows - 6, 3)
        let body = DialogBody.make(state, dialog)
        var head = wrapped(body.head, inner: inner)
        let list = wrapped(body.list, inner: inner)
        var tail = wrapped(body.tail, inner: inner)
        let fixed = dialog.phase == .asking && dialog.kind == .approve ? 2 : 0 // blank + buttons
        let room = maxBody - 1 - fixed
        // Explanation gives way until the list shows a useful part of itself (up to 8 lines and the indicator).
        let wanted = min(list.count, 8) + (list.count > 8 ? 1 : 0)
        func fits() -> Bool { head.count + tail.count + wanted <= room }
        while !fits(), let index = tail.lastIndex(where: \.optional) { tail.remove(at: index) }
        while !fits(), let index = head.lastIndex(where: \.optional) { head.remove(at: index) }
        while let last = tail.last, last.optional, last.text.isEmpty { tail.removeLast() }
        var listHeight = max(room - head.count - tail.count, 1)
        if list.count > listHeight { listHeight = max(listHeight - 1, 1) } // the indicator line
        listHeight = min(listHeight, list.count)
        let scroll = min(max(dialog.scroll, 0), max(list.count - listHeight, 0))
        return Layout(
            width: width, inner: inner, head: head, list: list, tail: tail, listHeight: listHeight, scroll: scroll,
            listNoun: body.listNoun)
    }

    static func draw(_ state: ConsoleState, _ dialog: DecisionDialog, hints: KeyHints, into canvas: inout Canvas) {
        let laid = layout(state, dialog)
        let width = laid.width
        let inner = laid.inner
        var body = laid.head
        body += laid.list[laid.scroll..<(laid.scroll + laid.listHeight)]
        if laid.scrolls {
            let last = laid.scroll + laid.listHeight
            let up = hints.label(.scrollUp, in: .dialog) ?? "<Up>"
            let down = hints.label(.scrollDown, in: .dialog) ?? "<Down>"
            let page = hints.label(.pageDown, in: .dialog) ?? "<PgDn>"
            body.append(
                Line(
                    text: "\(laid.listNoun) \(laid.scroll + 1)–\(last) of \(laid.list.count) · \(up)/\(down) "
                        + "\(page) scroll", style: Style(dim: true)))
        }
        body += laid.tail
        let footer = footerLine(dialog, hints: hints, presets: state.rejectPresets.count)
        let fixed = dialog.phase == .asking && dialog.kind == .approve ? 2 : 0 // blank + buttons
        let height = body.count + fixed + 4 // borders, blank before footer, footer
        let top = max((canvas.rows - height) / 2, 1)
        let left = (canvas.columns - width) / 2
        for y in top..<(top + height) { canvas.fill(row: y, column: 0, width: canvas.columns) }
        let style = Style(bold: dialog.kind == .approve, color: dialog.kind == .approve ? .accent : .warning)
        canvas.box(top: top, left: left, height: height, width: width, title: title(dialog), style: style)
        var y = top + 1
        var reasonRows: [(row: Int, text: String)] = []
        var inReason = false
        let valueColumn = left + 2 + labelWidth
        for line in body {
            if line.continuation {
                canvas.text(line.text, row: y, column: valueColumn, width: inner - labelWidth, style: line.style)
                if inReason { reasonRows.append((y, line.text)) }
            } else if line.label.isEmpty {
                inReason = false
                canvas.text(
                    line.text, row: y, column: left + 2 + line.indent, width: inner - line.indent,
                    style: line.style)
            } else {
                canvas.text(line.label, row: y, column: left + 2, width: labelWidth, style: Style(dim: true))
                canvas.text(line.text, row: y, column: valueColumn, width: inner - labelWidth, style: line.style)
                inReason = line.label == reasonLabel
                if inReason { reasonRows.append((y, line.text)) }
            }
            y += 1
        }
        if fixed > 0 {
            y += 1
            buttons(dialog, row: y, left: left + 2, width: inner, into: &canvas)
            y += 1
        }
        canvas.text(footer, row: top + height - 2, column: left + 2, width: inner, style: Style(dim: true))
        if let first = reasonRows.first {
            let (line, column) = reasonCursor(dialog, width: inner - labelWidth)
            let row = reasonRows[min(line, reasonRows.count - 1)].row
            canvas.park(row: max(row, first.row), column: min(valueColumn + column, left + width - 2))
        } else if fixed == 0 {
            canvas.park(row: top + 1, column: left + 2)
        }
    }

    /// Where the reason's cursor falls once wrapped: the line, and the column within it.
    static func reasonCursor(_ dialog: DecisionDialog, width: Int) -> (line: Int, column: Int) {
        let before = String(dialog.reason.prefix(dialog.reasonCursor))
        let pieces = TextWrap.lines(before, width: max(width, 1))
        let last = pieces.last ?? ""
        var column = DisplayWidth.of(last)
        var line = pieces.count - 1
        if column >= width, dialog.reasonCursor < dialog.reason.count || column > width {
            line += 1
            column = 0
        }
        return (line, column)
    }

    static let reasonLabel = "Reason"

    private static func title(_ dialog: DecisionDialog) -> String {
        let count = dialog.targets.count
        let noun = count == 1 ? "request" : "requests"
        switch (dialog.kind, dialog.phase) {
        case (.approve, .scope): return "Approve: this request or the marked ones?"
        case (.reject, .scope): return "Reject: this request or the marked ones?"
        case (.approve, .asking): return "Approve \(count) \(noun)?"
        case (.reject, .asking): return "Reject \(count) \(noun)?"
        case (_, .running) where dialog.stopping: return "Stopping: \(count) \(noun)"
        case (.approve, .running): return "Approving \(count) \(noun)"
        case (.reject, .running): return "Rejecting \(count) \(noun)"
        case (_, .finished) where !dialog.notStarted.isEmpty: return "Stopped: \(count) \(noun)"
        case (_, .finished): return "Done: \(count) \(noun)"
        }
    }

    /// Lines wrapped to the box: fields continue under their value, target lines are cut to one line.
    private static func wrapped(_ body: [Line], inner: Int) -> [Line] {
        var result: [Line] = []
        for line in body {
            if line.isTarget {
                result.append(line)
            } else if line.wraps {
                let pieces = TextWrap.lines(line.text, width: inner, rest: max(inner - 4, 1))
                for (index, piece) in pieces.enumerated() {
                    var next = line
                    next.text = piece
                    next.indent = index == 0 ? 0 : 4
                    result.append(next)
                }
            } else if line.label.isEmpty {
                for piece in TextWrap.lines(line.text, width: inner) {
                    var next = line
                    next.text = piece
                    result.append(next)
                }
            } else if line.label != reasonLabel,
                line.text.split(separator: " ").contains(where: { DisplayWidth.of(String($0)) > inner - labelWidth })
            {
                // A word too long for the value column (a URL): the whole field as a paragraph, label first.
                for piece in TextWrap.lines("\(line.label): \(line.text)", width: inner) {
                    var next = line
                    next.text = piece
                    next.label = ""
                    result.append(next)
                }
            } else {
                for (index, piece) in TextWrap.lines(line.text, width: inner - labelWidth).enumerated() {
                    var next = line
                    next.text = piece
                    if index > 0 {
                        next.label = ""
                        next.continuation = true
                    }
                    result.append(next)
                }
            }
        }
        return result
    }

    // MARK: Buttons and keys

    private static func buttons(_ dialog: DecisionDialog, row: Int, left: Int, width: Int, into canvas: inout Canvas) {
        let cancelFocused = dialog.focus == .cancel
        let cancel = cancelFocused ? "[> Cancel <]" : "[  Cancel  ]"
        let approve = cancelFocused ? "[  Approve  ]" : "[> Approve <]"
        let total = DisplayWidth.of(cancel) + 3 + DisplayWidth.of(approve)
        let start = left + max((width - total) / 2, 0)
        canvas.text(
            cancel, row: row, column: start, width: DisplayWidth.of(cancel),
            style: Style(bold: cancelFocused, reverse: cancelFocused))
        let approveColumn = start + DisplayWidth.of(cancel) + 3
        canvas.text(
            approve, row: row, column: approveColumn, width: DisplayWidth.of(approve),
            style: Style(bold: !cancelFocused, reverse: !cancelFocused, color: .danger))
        canvas.park(row: row, column: cancelFocused ? start + 2 : approveColumn + 2)
    }

    private static func footerLine(_ dialog: DecisionDialog, hints: KeyHints, presets: Int) -> String {
        func key(_ action: KeyAction, _ context: KeyContext, _ fallback: String) -> String {
            hints.label(action, in: context) ?? fallback
        }
        switch (dialog.kind, dialog.phase) {
        case (_, .scope):
            return "\(key(.scopeOne, .dialog, "o")) this one · \(key(.scopeMarked, .dialog, "m")) the marked · "
                + "\(key(.activate, .dialog, "Enter")) choose · \(key(.cancel, .dialog, "Esc")) cancel"
        case (.approve, .asking):
            return "\(key(.confirm, .dialog, "y")) approve · \(key(.cancel, .dialog, "Esc")) cancel · "
                + "\(key(.focusNext, .dialog, "Tab")) move focus · \(key(.activate, .dialog, "Enter")) press focused"
        case (.reject, .asking):
            return "\(key(.submit, .prompt, "Enter")) reject · \(key(.cancel, .prompt, "Esc")) cancel · "
                + (presets > 0
                    ? "\(key(.presetNext, .prompt, "Tab")) or <A-1>…<A-\(min(presets, 9))> preset" : "type a reason")
        case (_, .running) where dialog.stopping:
            return "\(key(.batchHide, .progress, "Enter")) hide (the requests in progress finish)"
        case (_, .running):
            return "\(key(.batchStop, .progress, "Esc")) stop (in progress finish) · "
                + "\(key(.batchHide, .progress, "Enter")) hide (the work goes on)"
        case (_, .finished):
            let left = dialog.notStarted.isEmpty ? "failed requests" : "requests not done"
            return "\(key(.activate, .dialog, "Enter")) close · \(left) stay marked"
        }
    }
}
