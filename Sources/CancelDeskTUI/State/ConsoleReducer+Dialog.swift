import Foundation

/// The approve and reject dialogs.
extension ConsoleReducer {
    /// Where a decision was asked for: the list acts on the marks (or the selected row), the detail screen on
    /// the request it shows.
    enum DecisionSource {
        case list, detail
    }

    static func openDecision(_ state: inout ConsoleState, _ kind: DecisionDialog.Kind, from source: DecisionSource) {
        guard !state.context.readOnly else {
            state.log.add(.warning, "read-only mode: approve and reject are disabled", at: state.now)
            return
        }
        var ids: [String]
        var one: String?
        switch source {
        case .detail:
            guard let view = state.detail else { return }
            ids = [view.requestID]
        case .list:
            if !state.marks.isEmpty {
                ids = orderedMarks(state)
                // Old marks must not redirect a decision about the row the operator is on: ask which.
                if let row = state.selectedRow, !state.marks.contains(row.id) { one = row.id }
            } else if let row = state.selectedRow {
                ids = [row.id]
            } else {
                state.log.add(.info, "nothing selected", at: state.now)
                return
            }
        }
        ids = actionable(&state, ids)
        var dialog: DecisionDialog
        if let one, actionable(&state, [one], quiet: true) == [one] {
            let hidden = ids.reduce(0) { $0 + (state.isVisible($1) ? 0 : 1) }
            dialog = DecisionDialog(kind: kind, targets: [target(state, one)], hiddenByFilter: 0)
            dialog.phase = ids.isEmpty ? .asking : .scope
            if !ids.isEmpty {
                dialog.scopeChoice = DecisionDialog.ScopeChoice(
                    one: target(state, one), marked: ids.map { target(state, $0) }, markedHidden: hidden)
            }
            dialog.markedLeftOut = state.marks.count
        } else {
            guard !ids.isEmpty else { return }
            let hidden = source == .list ? ids.reduce(0) { $0 + (state.isVisible($1) ? 0 : 1) } : 0
            dialog = DecisionDialog(kind: kind, targets: ids.map { target(state, $0) }, hiddenByFilter: hidden)
        }
        dialog.fromDetail = source == .detail
        state.screens.append(.dialog(dialog))
    }

    /// `ids` without the requests in flight or already decided this session (the list may not have refreshed
    /// yet), saying how many were left out unless `quiet`.
    private static func actionable(_ state: inout ConsoleState, _ ids: [String], quiet: Bool = false) -> [String] {
        var ids = ids
        let busy = ids.filter { state.work.inFlight[$0] != nil }
        if !busy.isEmpty {
            ids.removeAll { state.work.inFlight[$0] != nil }
            if !quiet { state.log.add(.info, "\(busy.count) request(s) already in progress left out", at: state.now) }
        }
        let decided = Set(ids.filter { isDecided(state, $0) })
        if !decided.isEmpty {
            ids.removeAll { decided.contains($0) }
            if !quiet { state.log.add(.info, "\(decided.count) request(s) already decided left out", at: state.now) }
        }
        return ids
    }

    /// The operator chose what the dialog acts on; the dialog then asks to confirm (the confirm guard starts
    /// again, so the key that chose cannot confirm).
    static func chooseScope(_ state: inout ConsoleState, _ scope: DecisionDialog.Scope) {
        guard var dialog = state.dialog, dialog.phase == .scope, let choice = dialog.scopeChoice else { return }
        switch scope {
        case .one:
            dialog.targets = [choice.one]
            dialog.hiddenByFilter = 0
        case .marked:
            dialog.targets = choice.marked
            dialog.hiddenByFilter = choice.markedHidden
            dialog.markedLeftOut = 0
        }
        dialog.scope = scope
        dialog.scopeChoice = nil
        dialog.phase = .asking
        dialog.scroll = 0
        state.screens[state.screens.count - 1] = .dialog(dialog)
    }

    /// The marked ids in list order: those the filter shows first, then those it hides.
    static func orderedMarks(_ state: ConsoleState) -> [String] {
        var shown: [String] = []
        var hidden: [String] = []
        for index in state.sorted {
            let id = state.table.rows[index].id
            guard state.marks.contains(id) else { continue }
            if state.table.corpus.matches(index, state.appliedQuery) { shown.append(id) } else { hidden.append(id) }
        }
        let listed = Set(shown).union(hidden)
        let rest = state.marks.filter { !listed.contains($0) }.sorted()
        return shown + hidden + rest
    }

    static func target(_ state: ConsoleState, _ id: String) -> DecisionDialog.Target {
        let row = state.table.row(id) ?? state.detail.flatMap { $0.requestID == id ? detailRow(state, $0) : nil }
        return DecisionDialog.Target(
            id: id, idText: row?.idText ?? SafeText.clean(id, limit: SafeText.rowLimit), customer: row?.customer ?? "",
            subscription: row?.subscription ?? "", productID: row?.productID ?? "",
            flagged: row?.flagged ?? false, environment: row?.environment ?? .unknown(""),
            assignee: row?.assignee ?? "")
    }

    /// The row of the request a detail view shows after it left the list (as last read).
    private static func detailRow(_ state: ConsoleState, _ view: DetailView) -> RequestRow? {
        view.request.map { RequestRow($0, subscriptionParameter: state.context.subscriptionParameter) }
    }

    /// Keys in the approve dialog, and in either dialog once the engine works on it.
    static func dialogKey(_ state: inout ConsoleState, _ action: KeyAction?) -> [ConsoleCommand] {
        guard var dialog = state.dialog else { return [] }
        if scrollDialog(&state, action) { return [] }
        switch dialog.phase {
        case .scope:
            switch action {
            case .scopeOne: chooseScope(&state, .one)
            case .scopeMarked: chooseScope(&state, .marked)
            case .activate: chooseScope(&state, dialog.scopeChoice?.focus ?? .one)
            case .cancel: state.screens.removeLast()
            case .focusNext, .focusPrev:
                guard var choice = dialog.scopeChoice else { return [] }
                choice.focus = choice.focus == .one ? .marked : .one
                dialog.scopeChoice = choice
                state.screens[state.screens.count - 1] = .dialog(dialog)
            default: break
            }
        case .asking:
            switch action {
            case .confirm:
                return start(&state, dialog)
            case .activate:
                if dialog.focus == .confirm { return start(&state, dialog) }
                state.screens.removeLast()
            case .cancel:
                state.screens.removeLast()
            case .focusNext, .focusPrev:
                dialog.focus = dialog.focus == .cancel ? .confirm : .cancel
                state.screens[state.screens.count - 1] = .dialog(dialog)
            default:
                break
            }
        case .running:
            return progressKey(&state, action)
        case .finished:
            if action == .cancel || action == .activate || action == .confirm { state.screens.removeLast() }
        }
        return []
    }

    /// Keys in the progress dialog (the ``KeyContext/progress`` context): stop the batch, or hide the dialog while
    /// the work goes on.
    static func progressKey(_ state: inout ConsoleState, _ action: KeyAction?) -> [ConsoleCommand] {
        guard var dialog = state.dialog, dialog.phase == .running else { return [] }
        switch action {
        case .batchStop:
            guard !dialog.stopping else { return [] }
            dialog.stopping = true
            state.screens[state.screens.count - 1] = .dialog(dialog)
            let running = dialog.targets.reduce(0) { count, target in
                if case .working(_, let step)? = state.work.rows[target.id], !step.isEmpty { return count + 1 }
                return count
            }
            state.log.add(
                .warning, "stopping the batch: nothing new starts; \(running) request(s) in progress finish",
                at: state.now)
            return [.stopBatch(dialog.batch)]
        case .batchHide:
            state.screens.removeLast()
            state.log.add(.info, "still working in the background; progress is on the status line", at: state.now)
        default:
            break
        }
        return []
    }

    /// Keys in the reject dialog while the reason is typed: every printable key is text (digits included, so
    /// "14 days notice" types as it reads); presets are stepped through with `preset.next`/`preset.prev` (Tab,
    /// Down / Shift-Tab, Up) or picked with Alt plus their number.
    static func reasonKey(_ state: inout ConsoleState, _ action: KeyAction?, _ key: Key) -> [ConsoleCommand] {
        guard var dialog = state.dialog, dialog.kind == .reject else { return [] }
        if scrollDialog(&state, action) { return [] }
        switch action {
        case .submit:
            guard !dialog.reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                dialog.error = "a reason is required: the customer sees it"
                state.screens[state.screens.count - 1] = .dialog(dialog)
                return []
            }
            return start(&state, dialog)
        case .cancel:
            state.screens.removeLast()
            return []
        case .presetNext, .presetPrev:
            let presets = state.rejectPresets
            guard !presets.isEmpty else { return [] }
            let current = presets.firstIndex(of: dialog.reason)
            let step = action == .presetNext ? 1 : -1
            let next = current.map { ($0 + step + presets.count) % presets.count } ?? (step > 0 ? 0 : presets.count - 1)
            dialog.reason = presets[next]
            dialog.reasonCursor = dialog.reason.count
        default:
            let presets = state.rejectPresets
            if case .alt(let character) = key, let number = character.wholeNumberValue, number >= 1,
                number <= min(presets.count, 9)
            {
                dialog.reason = presets[number - 1]
                dialog.reasonCursor = dialog.reason.count
            } else if let edited = TextEditing.edit(
                TextEditing.Field(dialog.reason, cursor: dialog.reasonCursor), action, key)
            {
                dialog.reason = edited.text
                dialog.reasonCursor = edited.cursor
            } else {
                return []
            }
        }
        dialog.error = nil
        state.screens[state.screens.count - 1] = .dialog(dialog)
        return []
    }

    /// Scrolls the dialog's list of requests (every one can be seen; the renderer clamps the offset).
    private static func scrollDialog(_ state: inout ConsoleState, _ action: KeyAction?) -> Bool {
        guard var dialog = state.dialog else { return false }
        let laid = DialogScreen.layout(state, dialog)
        let page = max(laid.listHeight - 1, 1)
        let delta: Int
        switch action {
        case .scrollUp: delta = -1
        case .scrollDown: delta = 1
        case .pageUp: delta = -page
        case .pageDown: delta = page
        default: return false
        }
        let limit = laid.scrollLimit
        dialog.scroll = min(max(dialog.scroll + delta, 0), limit)
        state.screens[state.screens.count - 1] = .dialog(dialog)
        return true
    }

    /// Sends the dialog's decision to the engine; the dialog shows progress and then the outcome.
    static func start(_ state: inout ConsoleState, _ dialog: DecisionDialog) -> [ConsoleCommand] {
        var dialog = dialog
        let ids = dialog.targetIDs.filter { state.work.inFlight[$0] == nil }
        guard !ids.isEmpty else { return [] }
        if ids.count < dialog.targets.count {
            let kept = Set(ids)
            dialog.targets.removeAll { !kept.contains($0.id) }
        }
        state.work.begin(ids, dialog.kind == .approve ? .approve : .reject)
        dialog.phase = .running
        dialog.scroll = 0
        dialog.outcomes = [:]
        dialog.notStarted = []
        dialog.stopping = false
        dialog.batch = state.work.nextBatch()
        dialog.error = nil
        state.screens[state.screens.count - 1] = .dialog(dialog)
        let verb = dialog.kind == .approve ? "approving" : "rejecting"
        state.log.add(.info, "\(verb) \(ids.count) request(s)…", at: state.now)
        var expecting: [String: String] = [:]
        for target in dialog.targets where !target.subscription.isEmpty { expecting[target.id] = target.subscription }
        return [.process(requestIDs: ids, decision: dialog.decision, expecting: expecting, batch: dialog.batch)]
    }
}
