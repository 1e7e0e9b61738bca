import CancelDeskCore
import Foundation

/// What a dialog says, in three parts: a fixed head (what it acts on, with problems and context), a list of every
/// request that scrolls (problems first), and a fixed tail (the vendor call, the reason, the presets).
struct DialogBody {
    var head: [DialogScreen.Line] = []
    var list: [DialogScreen.Line] = []
    var tail: [DialogScreen.Line] = []
    /// What the list is, for the scroll indicator ("requests", "results").
    var listNoun = "lines"

    typealias Line = DialogScreen.Line

    static func make(_ state: ConsoleState, _ dialog: DecisionDialog) -> DialogBody {
        switch dialog.phase {
        case .scope: scope(state, dialog)
        case .asking: asking(state, dialog)
        case .running, .finished: progress(state, dialog)
        }
    }

    // MARK: Scope

    private static func scope(_ state: ConsoleState, _ dialog: DecisionDialog) -> DialogBody {
        var body = DialogBody()
        guard let choice = dialog.scopeChoice else { return body }
        let verb = dialog.kind == .approve ? "Approve" : "Reject"
        body.head.append(
            Line(
                text: "\(state.marks.count) request(s) are marked, but the cursor row is not. \(verb) which?",
                style: Style(bold: true, color: .warning)))
        body.head.append(Line(text: ""))
        let one = choice.focus == .one
        body.head.append(
            Line(
                text: "\(one ? ">" : " ") o  this one: \(choice.one.idText)  \(choice.one.customer)",
                style: Style(bold: one, reverse: one)))
        let hidden = choice.markedHidden > 0 ? " (\(choice.markedHidden) hidden by the filter)" : ""
        body.head.append(
            Line(
                text: "\(one ? " " : ">") m  the \(choice.marked.count) marked\(hidden)",
                style: Style(bold: !one, reverse: !one)))
        body.head.append(Line(text: ""))
        body.head.append(Line(text: "Marked:", style: Style(dim: true)))
        body.list = choice.marked.map { targetLine($0, state) }
        body.listNoun = "marked"
        return body
    }

    // MARK: Asking

    private static func asking(_ state: ConsoleState, _ dialog: DecisionDialog) -> DialogBody {
        var body = DialogBody()
        if dialog.markedLeftOut > 0 {
            body.head.append(
                Line(
                    text: "This request only: the \(dialog.markedLeftOut) marked request(s) are not included.",
                    style: Style(bold: true, color: .warning)))
        }
        let problems = dialog.targets.compactMap { problem($0, state) }
        if dialog.targets.count == 1, let target = dialog.targets.first {
            body.head.append(
                Line(text: (target.flagged ? "! " : "") + target.idText, style: Style(bold: true), label: "Request"))
            body.head.append(Line(text: target.customer.isEmpty ? "-" : target.customer, label: "Customer"))
            body.head.append(subscriptionLine(target))
            body.head.append(environmentLine([target]))
            body.head.append(assigneeLine(target, state))
        } else {
            if dialog.hiddenByFilter > 0 {
                body.head.append(
                    Line(
                        text: "Includes \(dialog.hiddenByFilter) marked hidden by the filter.",
                        style: Style(bold: true, color: .warning)))
            }
            body.head.append(environmentLine(dialog.targets))
            if !problems.isEmpty {
                body.head.append(
                    Line(
                        text: "\(problems.count) with problems, listed first:",
                        style: Style(bold: true, color: .danger)))
            }
            body.list =
                problems + (problems.isEmpty ? [] : [Line(text: "")])
                + dialog.targets.map { targetLine($0, state) }
            body.listNoun = "lines"
        }
        switch dialog.kind {
        case .approve: body.tail = approveTail(state, dialog)
        case .reject: body.tail = rejectTail(state, dialog)
        }
        return body
    }

    /// What is wrong with a target, as one line: a missing or malformed subscription id, someone else's request.
    private static func problem(_ target: DecisionDialog.Target, _ state: ConsoleState) -> Line? {
        var parts: [String] = []
        if let problem = target.subscriptionProblem { parts.append("vendor subscription id \(problem)") }
        if isSomeoneElses(target, state) { parts.append("assigned to \(target.assignee)") }
        guard !parts.isEmpty else { return nil }
        return Line(
            text: "! \(target.idText)  " + parts.joined(separator: "; "), style: Style(bold: true, color: .danger),
            isTarget: true)
    }

    static func isSomeoneElses(_ target: DecisionDialog.Target, _ state: ConsoleState) -> Bool {
        guard !target.assignee.isEmpty else { return false }
        guard let me = state.context.operatorAssignee, !me.isEmpty else { return true }
        return target.assignee.lowercased() != SafeText.clean(me).lowercased()
    }

    private static func targetLine(_ target: DecisionDialog.Target, _ state: ConsoleState) -> Line {
        let subscription = target.subscription.isEmpty ? "(sub MISSING)" : target.subscription
        var parts = [
            "\(target.flagged ? "!" : " ") \(target.idText)", subscription, environmentLabel(target.environment),
        ]
        parts.append(target.customer)
        if !target.assignee.isEmpty { parts.append("@" + target.assignee) }
        return Line(text: parts.joined(separator: "  "), isTarget: true)
    }

    private static func subscriptionLine(_ target: DecisionDialog.Target) -> Line {
        guard let problem = target.subscriptionProblem else {
            return Line(text: target.subscription, style: Style(bold: true), label: "Subscription")
        }
        let text =
            target.subscription.isEmpty
            ? "MISSING: the engine will skip this request" : "\(target.subscription) (\(problem))"
        return Line(text: text, style: Style(bold: true, color: .danger), label: "Subscription")
    }

    static func environmentLabel(_ type: ConnectionType) -> String {
        switch type {
        case .production: "production"
        case .test: "test"
        case .preview: "preview"
        case .unknown(let value): value.isEmpty ? "unknown" : SafeText.clean(value, limit: 20)
        }
    }

    /// "production" for one, "30 production, 20 test" for many; bold when production is among them.
    private static func environmentLine(_ targets: [DecisionDialog.Target]) -> Line {
        var counts: [String: Int] = [:]
        var order: [String] = []
        for target in targets {
            let label = environmentLabel(target.environment)
            if counts[label] == nil { order.append(label) }
            counts[label, default: 0] += 1
        }
        let text = targets.count == 1 ? order.joined() : order.map { "\(counts[$0]!) \($0)" }.joined(separator: ", ")
        let production = counts["production"] != nil
        let style = Style(bold: production, color: production ? .warning : nil)
        return Line(text: text, style: style, label: "Environment")
    }

    private static func assigneeLine(_ target: DecisionDialog.Target, _ state: ConsoleState) -> Line {
        guard !target.assignee.isEmpty else { return Line(text: "nobody", label: "Assignee") }
        guard isSomeoneElses(target, state) else { return Line(text: target.assignee + " (you)", label: "Assignee") }
        return Line(
            text: "\(target.assignee): assigned to someone else", style: Style(bold: true, color: .danger),
            label: "Assignee")
    }

    private static func approveTail(_ state: ConsoleState, _ dialog: DecisionDialog) -> [Line] {
        var lines: [Line] = []
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

    private static func rejectTail(_ state: ConsoleState, _ dialog: DecisionDialog) -> [Line] {
        var lines: [Line] = []
        lines.append(Line(text: "Connect fails the request with this reason; the customer sees it.", optional: true))
        lines.append(Line(text: "No vendor call is made.", style: Style(dim: true), optional: true))
        for (index, preset) in state.rejectPresets.prefix(9).enumerated() {
            let chosen = dialog.reason == preset
            lines.append(
                Line(
                    text: "\(chosen ? ">" : " ")\(index + 1) \(SafeText.clean(preset))", style: Style(bold: chosen),
                    optional: true))
        }
        lines.append(Line(text: dialog.reason, style: Style(underline: true), label: DialogScreen.reasonLabel))
        if let error = dialog.error {
            lines.append(Line(text: "error: " + error, style: Style(bold: true, color: .danger)))
        }
        return lines
    }

    // MARK: Progress and results

    /// Progress, then the outcome: requests that did not go as asked first, each with its full reason (wrapped).
    private static func progress(_ state: ConsoleState, _ dialog: DecisionDialog) -> DialogBody {
        var body = DialogBody()
        let done = dialog.outcomes.count
        let failed = dialog.outcomes.values.filter { !dialog.succeeded($0) }.count
        let notStarted = dialog.notStarted.count
        let summary =
            "\(done) of \(dialog.targets.count) done" + (failed > 0 ? ", \(failed) not as asked (first)" : "")
            + (notStarted > 0 ? ", \(notStarted) not started" : "")
        body.head.append(Line(text: summary, style: Style(bold: true)))
        if dialog.stopping, dialog.phase == .running {
            body.head.append(
                Line(text: "Stopping: nothing new starts; the requests in progress finish.", style: Style(dim: true)))
        }
        func rank(_ target: DecisionDialog.Target) -> Int {
            if dialog.notStarted.contains(target.id) { return 1 }
            guard let result = dialog.outcomes[target.id] else { return 1 }
            return dialog.succeeded(result) ? 2 : 0
        }
        let ordered = dialog.targets.enumerated().sorted { a, b in
            let (x, y) = (rank(a.element), rank(b.element))
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
        for target in ordered {
            if dialog.notStarted.contains(target.id) {
                body.list.append(Line(text: "- \(target.idText)  not started (nothing was done)", isTarget: true))
            } else if let result = dialog.outcomes[target.id] {
                let (letter, color) = ListScreen.stateLetter(.finished(result.kind))
                let detail = SafeText.clean(result.detail, limit: 2_000)
                let ok = dialog.succeeded(result)
                body.list.append(
                    Line(
                        text: "\(letter) \(target.idText)  \(ConsoleReducer.label(result.kind))"
                            + (detail.isEmpty ? "" : ": \(detail)"),
                        style: Style(bold: !ok, color: ok ? nil : color), wraps: true))
            } else {
                var step = ""
                if case .working(_, let current)? = state.work.rows[target.id], !current.isEmpty {
                    step = " (\(current))"
                }
                body.list.append(Line(text: "~ \(target.idText)  working\(step)…", isTarget: true))
            }
        }
        body.listNoun = "lines"
        return body
    }
}
