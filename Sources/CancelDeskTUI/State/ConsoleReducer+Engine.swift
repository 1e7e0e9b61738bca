import CancelDeskCore
import Foundation

/// What comes back from the engine: listings, progress, results and journal history.
extension ConsoleReducer {
    static func applySnapshot(_ state: inout ConsoleState, _ loaded: LoadedSnapshot) -> [ConsoleCommand] {
        let first = state.lastRefresh == nil
        let old = state.table
        let oldCursor = state.cursor
        state.table = loaded.table
        state.refreshing = false
        state.lastRefresh = loaded.at
        state.loadError = nil
        state.listingFailures = 0
        state.retryAt = nil
        rebuildList(&state)
        let table = state.table
        rebuildMarks(&state)
        state.work.prune { table.contains($0) }
        recountMarkedVisible(&state)
        followSelection(&state, fallback: oldCursor)
        logListing(&state, loaded, old: first ? nil : old)
        clampScrolls(&state)
        previewStale(&state)
        // The detail view shows the request as read now, not as first opened.
        return state.detail.map { [.loadRequest(requestID: $0.requestID)] } ?? []
    }

    private static func logListing(_ state: inout ConsoleState, _ loaded: LoadedSnapshot, old: RequestTable?) {
        let table = loaded.table
        if let old {
            // New arrivals are news; requests leaving are mostly this console's own work, shown by the count.
            let added = table.rows.reduce(0) { $0 + (old.contains($1.id) ? 0 : 1) }
            if added > 0 { state.log.add(.info, "\(added) new request(s); \(table.count) listed", at: state.now) }
        } else {
            state.log.add(.info, "\(table.count) requests listed", at: state.now)
        }
        if loaded.skipped.count != state.lastSkippedCount {
            state.lastSkippedCount = loaded.skipped.count
            for record in loaded.skipped.prefix(5) {
                state.log.add(.warning, "left out \(record.id ?? "a record"): \(record.detail)", at: state.now)
            }
            if loaded.skipped.count > 5 {
                state.log.add(.warning, "…and \(loaded.skipped.count - 5) more records left out", at: state.now)
            }
        }
    }

    /// A listing failed: the error is named on screen and the listing is tried again after a delay that doubles
    /// with each failure in a row (``retryDelay(afterFailures:)``).
    static func snapshotFailed(_ state: inout ConsoleState, _ message: String, at: Date) {
        state.refreshing = false
        let text = SafeText.clean(message, limit: 500)
        state.loadError = text
        state.listingFailures += 1
        let delay = retryDelay(afterFailures: state.listingFailures)
        state.retryAt = at.addingTimeInterval(Double(delay))
        state.log.add(.error, "listing failed: \(text); retrying in \(delay)s", at: at)
    }

    /// Seconds before the next listing after `failures` failed in a row: 2, 4, 8, 16, 32, then 60.
    static func retryDelay(afterFailures failures: Int) -> Int {
        min(2 << min(max(failures - 1, 0), 5), 60)
    }

    /// Engine progress, and the results of the console's batches (the engine's only result channel).
    static func engineEvent(_ state: inout ConsoleState, _ event: EngineEvent) -> [ConsoleCommand] {
        switch event {
        case .finished(let result):
            return requestFinished(&state, result)
        case .notStarted(let ids, let reason):
            return notStarted(&state, ids, reason: reason)
        case .started(let id, _):
            state.work.step(id, "started")
        case .recorded(let id, let step):
            state.work.step(id, step.rawValue)
        case .vendorRetry(let id, let attempt, let wait):
            let seconds = wait.components.seconds
            state.log.add(
                .warning, "\(id): the vendor is unavailable; retry \(attempt) in \(seconds)s with the same key",
                at: state.now)
        case .recovering(let count):
            state.log.add(.info, "finishing \(count) request(s) an earlier run left half-done", at: state.now)
        case .stopping(let reason):
            state.log.add(.warning, "stopping: \(SafeText.clean(reason, limit: 300))", at: state.now)
        case .snapshot:
            break // reported through snapshotLoaded
        }
        return []
    }

    static func requestFinished(_ state: inout ConsoleState, _ result: RequestResult) -> [ConsoleCommand] {
        let id = result.requestID
        let kind = state.work.finish(result)
        let detail = SafeText.clean(result.detail, limit: 500)
        let succeeded = result.kind == .approved || result.kind == .rejected
        let level: MessageLog.Level = succeeded ? .info : result.kind == .failed ? .error : .warning
        state.log.add(level, "\(id): \(label(result.kind))\(detail.isEmpty ? "" : " — \(detail)")", at: state.now)
        if succeeded, setMark(&state, id, false), state.isVisible(id) { state.markedVisible -= 1 }
        noteReview(&state, result)
        var commands = updateDialogs(&state) { dialog in
            guard dialog.targets.contains(where: { $0.id == id }) else { return false }
            dialog.outcomes[id] = result
            return true
        }
        if commands.isEmpty, state.detail?.requestID == id {
            commands += [.loadRequest(requestID: id)] + loadDetailHistory(&state, id)
        }
        if kind != nil { commands += batchEnded(&state) }
        return commands
    }

    /// The engine left these requests untouched (a stop, the circuit breaker): they are no longer in progress,
    /// stay marked, and the dialog lists them as not started.
    static func notStarted(_ state: inout ConsoleState, _ ids: [String], reason: String) -> [ConsoleCommand] {
        var ours: Set<String> = []
        for id in ids where state.work.notStarted(id) { ours.insert(id) }
        guard !ours.isEmpty else { return [] }
        let why = SafeText.clean(reason, limit: 300)
        state.log.add(.warning, "\(ours.count) request(s) not started\(why.isEmpty ? "" : ": \(why)")", at: state.now)
        let commands = updateDialogs(&state) { dialog in
            let mine = dialog.targets.filter { ours.contains($0.id) }.map(\.id)
            dialog.notStarted.formUnion(mine)
            return !mine.isEmpty
        }
        return commands + batchEnded(&state)
    }

    /// Once nothing is in flight: the batch's summary in the messages, then a quit asked for meanwhile, or a
    /// refresh.
    private static func batchEnded(_ state: inout ConsoleState) -> [ConsoleCommand] {
        guard state.work.inFlight.isEmpty else { return [] }
        let failures =
            state.work.batchDone - (state.work.batchOutcomes[.approved] ?? 0)
            - (state.work.batchOutcomes[.rejected] ?? 0) + state.work.batchNotStarted
        let left = state.work.batchNotStarted > 0 ? "requests not done" : "failed requests"
        state.log.add(
            failures > 0 ? .warning : .info,
            state.work.summary + (failures > 0 ? " (see messages; \(left) stay marked)" : ""), at: state.now)
        state.work.endBatch()
        if state.quitRequested { return [.quit] }
        if !state.paused, !state.hasDialog { return startRefresh(&state) }
        return []
    }

    static func label(_ kind: RequestResult.Kind) -> String {
        switch kind {
        case .approved: "approved"
        case .rejected: "rejected"
        case .skipped: "skipped"
        case .needsReview: "needs review"
        case .failed: "failed"
        }
    }

    /// Feeds a result (or requests not started) to every running dialog that waits for it: `feed` returns
    /// whether the dialog was concerned. A dialog whose targets are all accounted for closes when everything
    /// succeeded, shows the outcomes when not (approve) or when some were not started, or asks again with the same
    /// reason for the requests that failed (reject). A decision made from the detail view that succeeded opens the
    /// next undecided request (the commands to load it are returned).
    private static func updateDialogs(
        _ state: inout ConsoleState, _ feed: (inout DecisionDialog) -> Bool
    ) -> [ConsoleCommand] {
        var commands: [ConsoleCommand] = []
        for index in state.screens.indices.reversed() {
            guard case .dialog(var dialog) = state.screens[index], dialog.phase == .running, feed(&dialog) else {
                continue
            }
            guard dialog.allAccountedFor else {
                state.screens[index] = .dialog(dialog)
                continue
            }
            let failed = dialog.targets.filter { dialog.outcomes[$0.id].map(dialog.succeeded) != true }
            if failed.isEmpty {
                state.screens.remove(at: index)
                if dialog.fromDetail, index == state.screens.count, let decided = dialog.targets.first {
                    commands += openNextUndecided(&state, after: decided.id)
                }
            } else if dialog.kind == .reject, dialog.notStarted.isEmpty {
                let first = failed.first.flatMap { dialog.outcomes[$0.id] }
                let done = dialog.targets.count - failed.count
                dialog.error =
                    "\(failed.count) not rejected\(done > 0 ? ", \(done) rejected" : "")"
                    + (first.map { ": \(label($0.kind)) — \(SafeText.clean($0.detail, limit: 300))" } ?? "")
                dialog.targets = failed
                dialog.outcomes = [:]
                dialog.phase = .asking
                state.screens[index] = .dialog(dialog)
            } else {
                dialog.phase = .finished
                dialog.scroll = 0
                state.screens[index] = .dialog(dialog)
            }
        }
        return commands
    }

    static func historyLoaded(_ state: inout ConsoleState, _ id: String?, _ loaded: LoadState<[JournalEntry]>) {
        if let id {
            guard state.historyFor == id else { return }
            state.detailHistory = loaded
        } else {
            switch loaded {
            case .loaded(let entries): state.journal = .loaded(Array(entries.reversed()))
            default: state.journal = loaded
            }
        }
        clampScrolls(&state)
    }
}
