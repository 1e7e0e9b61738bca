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
    }

    static let labelWidth = 14

    static func draw(_ state: ConsoleState, _ dialog: DecisionDialog, hints: KeyHints, into canvas: inout Canvas) {
        let width = min(canvas.columns - 4, 78)
        let inner = width - 4
        let maxBody = max(canvas.rows - 6, 3)
        var body: [Line]
        switch dialog.phase {
        case .asking: body = dialog.kind == .approve ? approveBody(state, dialog) : rejectBody(state, dialog)
        case .running, .finished: body = progressBody(state, dialog)
        }
        body = wrapped(body, inner: inner)
        let footer = footerLine(dialog, hints: hints, presets: state.rejectPresets.count)
        let fixed = dialog.phase == .asking && dialog.kind == .approve ? 2 : 0  // blank + buttons
        if body.count + fixed > maxBody - 1 { body = shortened(body, to: maxBody - 1 - fixed) }
        let height = body.count + fixed + 4  // borders, blank before footer, footer
        let top = max((canvas.rows - height) / 2, 1)
        let left = (canvas.columns - width) / 2
        for y in top..<(top + height) { canvas.fill(row: y, column: 0, width: canvas.columns) }
        let style = Style(bold: dialog.kind == .approve, color: dialog.kind == .approve ? .accent : .warning)
        canvas.box(top: top, left: left, height: height, width: width, title: title(dialog), style: style)
        var y = top + 1
        var reasonRow: (row: Int, column: Int)?
        var inReason = false
        let valueColumn = left + 2 + labelWidth
        for line in body {
            if line.continuation {
                let used = canvas.text(line.text, row: y, column: valueColumn, width: inner - labelWidth, style: line.style)
                if inReason { reasonRow = (y, valueColumn + used) }
            } else if line.label.isEmpty {
                inReason = false
                canvas.text(line.text, row: y, column: left + 2, width: inner, style: line.style)
            } else {
                canvas.text(line.label, row: y, column: left + 2, width: labelWidth, style: Style(dim: true))
                let used = canvas.text(line.text, row: y, column: valueColumn, width: inner - labelWidth, style: line.style)
                inReason = line.label == reasonLabel
                if inReason { reasonRow = (y, valueColumn + used) }
            }
            y += 1
        }
        if fixed > 0 {
            y += 1
            buttons(dialog, row: y, left: left + 2, width: inner, into: &canvas)
            y += 1
        }
        canvas.text(footer, row: top + height - 2, column: left + 2, width: inner, style: Style(dim: true))
        if let reasonRow {
            canvas.park(row: reasonRow.row, column: min(reasonRow.column, left + width - 2))
        } else if fixed == 0 {
            canvas.park(row: top + 1, column: left + 2)
        }
    }

    static let reasonLabel = "Reason"

    private static func title(_ dialog: DecisionDialog) -> String {
        let count = dialog.targets.count
        let noun = count == 1 ? "request" : "requests"
        switch (dialog.kind, dialog.phase) {
        case (.approve, .asking): return "Approve \(count) \(noun)?"
        case (.reject, .asking): return "Reject \(count) \(noun)?"
        case (_, .running) where dialog.stopping: return "Stopping: \(count) \(noun)"
        case (.approve, .running): return "Approving \(count) \(noun)"
        case (.reject, .running): return "Rejecting \(count) \(noun)"
        case (_, .finished) where !dialog.notStarted.isEmpty: return "Stopped: \(count) \(noun)"
        case (_, .finished): return "Done: \(count) \(noun)"
        }
    }

    // MARK: Bodies

    private static func targetLines(_ dialog: DecisionDialog) -> [Line] {
        if dialog.targets.count == 1, let target = dialog.targets.first {
            var lines = [
                Line(text: (target.flagged ? "! " : "") + target.idText, style: Style(bold: true), label: "Request"),
                Line(text: target.customer.isEmpty ? "-" : target.customer, label: "Customer"),
            ]
            lines.append(subscriptionLine(target, label: "Subscription"))
            return lines
        }
        var lines: [Line] = []
        if dialog.hiddenByFilter > 0 {
            lines.append(
                Line(
                    text: "Includes \(dialog.hiddenByFilter) marked hidden by the filter.",
                    style: Style(bold: true, color: .warning)))
        }
        for target in dialog.targets {
            let subscription = target.subscription.isEmpty ? "(sub MISSING)" : target.subscription
            lines.append(
                Line(
                    text: "\(target.flagged ? "!" : " ") \(target.idText)  \(subscription)  \(target.customer)",
                    isTarget: true))
        }
        return lines
    }

    private static func subscriptionLine(_ target: DecisionDialog.Target, label: String) -> Line {
        target.subscription.isEmpty
            ? Line(text: "MISSING: the engine will skip this request", style: Style(bold: true, color: .danger),
                label: label)
            : Line(text: target.subscription, style: Style(bold: true), label: label)
    }

    private static func approveBody(_ state: ConsoleState, _ dialog: DecisionDialog) -> [Line] {
        var lines = targetLines(dialog)
        let context = state.context
        var call = SafeText.clean(context.vendorDescription, limit: 300)
        if call.isEmpty { call = "the configured vendor adapter" }
        if dialog.targets.count == 1, let target = dialog.targets.first, !target.subscription.isEmpty {
            // The default contract's `{id}` and the HTTP template's placeholders, filled for the one target.
            call = call.replacingOccurrences(of: "{id}", with: target.subscription)
                .replacingOccurrences(of: "{subscription_id}", with: target.subscription)
                .replacingOccurrences(of: "{request_id}", with: target.idText)
        } else if dialog.targets.count > 1 {
            call += ", once per request"
        }
        lines.append(Line(text: call, label: "Vendor call"))
        var templates: [String: Int] = [:]
        var missing = 0
        for target in dialog.targets {
            if let template = context.template(forProduct: target.productID) {
                templates[template, default: 0] += 1
            } else {
                missing += 1
            }
        }
        var templateText = templates.keys.sorted().map { templates.count == 1 ? $0 : "\($0) ×\(templates[$0]!)" }
            .joined(separator: ", ")
        if missing > 0 { templateText += (templateText.isEmpty ? "" : ", ") + "\(missing) without a template" }
        lines.append(
            Line(
                text: SafeText.clean(templateText, limit: 300), style: missing > 0 ? Style(color: .danger) : .plain,
                label: "Template"))
        lines.append(Line(text: "", optional: true))
        lines.append(
            Line(
                text: "The vendor cancels each subscription first; then Connect approves the request and terminates "
                    + "the subscription. This cannot be undone.", optional: true))
        return lines
    }

    private static func rejectBody(_ state: ConsoleState, _ dialog: DecisionDialog) -> [Line] {
        var lines = targetLines(dialog)
        lines.append(Line(text: "Connect fails the request with this reason; the customer sees it.", optional: true))
        lines.append(Line(text: "No vendor call is made.", style: Style(dim: true), optional: true))
        for (index, preset) in state.rejectPresets.prefix(9).enumerated() {
            let chosen = dialog.reason == preset
            lines.append(
                Line(
                    text: "\(chosen ? ">" : " ")\(index + 1) \(SafeText.clean(preset))", style: Style(bold: chosen),
                    optional: true))
        }
        lines.append(Line(text: dialog.reason, style: Style(underline: true), label: reasonLabel))
        if let error = dialog.error {
            lines.append(Line(text: "error: " + error, style: Style(bold: true, color: .danger)))
        }
        return lines
    }

    private static func progressBody(_ state: ConsoleState, _ dialog: DecisionDialog) -> [Line] {
        var lines: [Line] = []
        let done = dialog.outcomes.count
        let failed = dialog.outcomes.values.filter { !dialog.succeeded($0) }.count
        let notStarted = dialog.notStarted.count
        let summary = "\(done) of \(dialog.targets.count) done" + (failed > 0 ? ", \(failed) not as asked" : "")
            + (notStarted > 0 ? ", \(notStarted) not started" : "")
        lines.append(Line(text: summary, style: Style(bold: true)))
        if dialog.stopping, dialog.phase == .running {
            lines.append(
                Line(text: "Stopping: nothing new starts; the requests in progress finish.", style: Style(dim: true)))
        }
        for target in dialog.targets {
            if dialog.notStarted.contains(target.id) {
                lines.append(Line(text: "- \(target.idText)  not started (nothing was done)", isTarget: true))
            } else if let result = dialog.outcomes[target.id] {
                let (letter, color) = ListScreen.stateLetter(.finished(result.kind))
                let detail = SafeText.clean(result.detail, limit: 300)
                lines.append(
                    Line(
                        text: "\(letter) \(target.idText)  \(ConsoleReducer.label(result.kind))"
                            + (detail.isEmpty ? "" : ": \(detail)"),
                        style: Style(bold: !dialog.succeeded(result), color: dialog.succeeded(result) ? nil : color),
                        isTarget: true))
            } else {
                var step = ""
                if case .working(_, let current)? = state.work.rows[target.id], !current.isEmpty { step = " (\(current))" }
                lines.append(Line(text: "~ \(target.idText)  working\(step)…", isTarget: true))
            }
        }
        return lines
    }

    /// Fits the body into `count` lines: target lines go first (one stays, and a note says how many are not
    /// shown), then optional explanation, then whatever is left at the end.
    private static func shortened(_ body: [Line], to count: Int) -> [Line] {
        guard count >= 2 else { return Array(body.prefix(max(count, 0))) }
        let targets = body.filter(\.isTarget).count
        var result = body
        if targets > 1 {
            let keep = min(max(targets - (body.count - count) - 1, 1), targets)
            if keep < targets {
                result = []
                var seen = 0
                for line in body {
                    guard line.isTarget else {
                        result.append(line)
                        continue
                    }
                    if seen < keep { result.append(line) }
                    if seen == keep { result.append(more(targets - keep)) }
                    seen += 1
                }
            }
        }
        while result.count > count, let index = result.lastIndex(where: \.optional) { result.remove(at: index) }
        guard result.count > count else { return result }
        return Array(result.prefix(count - 1)) + [more(result.count - count + 1)]
    }

    /// Lines wrapped to the box: fields continue under their value, target lines are cut to one line.
    private static func wrapped(_ body: [Line], inner: Int) -> [Line] {
        var result: [Line] = []
        for line in body {
            if line.isTarget {
                result.append(line)
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

    private static func more(_ count: Int) -> Line {
        Line(text: "…and \(count) more", style: Style(dim: true))
    }

    // MARK: Buttons and keys

    private static func buttons(_ dialog: DecisionDialog, row: Int, left: Int, width: Int, into canvas: inout Canvas) {
        let cancelFocused = dialog.focus == .cancel
        let cancel = cancelFocused ? "[> Cancel <]" : "[  Cancel  ]"
        let approve = cancelFocused ? "[  Approve  ]" : "[> Approve <]"
        let total = DisplayWidth.of(cancel) + 3 + DisplayWidth.of(approve)
        let start = left + max((width - total) / 2, 0)
        canvas.text(cancel, row: row, column: start, width: DisplayWidth.of(cancel),
            style: Style(bold: cancelFocused, reverse: cancelFocused))
        let approveColumn = start + DisplayWidth.of(cancel) + 3
        canvas.text(approve, row: row, column: approveColumn, width: DisplayWidth.of(approve),
            style: Style(bold: !cancelFocused, reverse: !cancelFocused, color: .danger))
        canvas.park(row: row, column: cancelFocused ? start + 2 : approveColumn + 2)
    }

    private static func footerLine(_ dialog: DecisionDialog, hints: KeyHints, presets: Int) -> String {
        func key(_ action: KeyAction, _ context: KeyContext, _ fallback: String) -> String {
            hints.label(action, in: context) ?? fallback
        }
        switch (dialog.kind, dialog.phase) {
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
