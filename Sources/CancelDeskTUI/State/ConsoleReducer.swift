import CancelDeskCore
import Foundation

/// The console's logic as a pure function: an event changes the state and may ask for work (commands).
/// Nothing here touches the terminal, the engine or the clock.
public enum ConsoleReducer {
    /// Applies `event` to `state`; returns what the run loop must start.
    public static func reduce(_ state: inout ConsoleState, _ event: ConsoleEvent) -> [ConsoleCommand] {
        switch event {
        case .key(let action, let key):
            let commands = handleKey(&state, action, key)
            return commands + claims(for: commands, state)
        case .claimed(let request):
            return claimed(&state, request)
        case .claimFailed(let id, let message):
            claimFailed(&state, id, message)
            return []
        case .tick(let now):
            return tick(&state, now)
        case .snapshotLoaded(let loaded):
            return applySnapshot(&state, loaded)
        case .snapshotFailed(let message, let at):
            snapshotFailed(&state, message, at: at)
            return []
        case .accountResolved(let label):
            state.context.accountLabel = label
            return []
        case .requestLoaded(let request):
            requestLoaded(&state, request)
            return []
        case .requestFailed(let id, let message):
            requestFailed(&state, id, message)
            return []
        case .engine(let event):
            return engineEvent(&state, event)
        case .historyLoaded(let id, let entries):
            historyLoaded(&state, id, .loaded(entries))
            return []
        case .reviewsLoaded(let entries):
            reviewsLoaded(&state, entries)
            return []
        case .historyFailed(let id, let message):
            historyLoaded(&state, id, .failed(SafeText.clean(message, limit: 500)))
            return []
        case .resized(let size):
            state.size = size
            clampList(&state)
            clampScrolls(&state)
            return []
        case .idle:
            return syncPreview(&state)
        }
    }

    /// Time passed: ages move on, and the list refreshes when it is due (not while paused, a dialog is open, or
    /// a listing is already on its way). The first tick lists the queue.
    static func tick(_ state: inout ConsoleState, _ now: Date) -> [ConsoleCommand] {
        state.now = now
        guard !state.refreshing else { return [] }
        if let retryAt = state.retryAt {
            // After a failed listing: again on the backoff schedule. Until something was listed, neither a pause
            // nor a dialog holds the retry back (there is nothing else to look at).
            guard now >= retryAt else { return [] }
            if state.lastRefresh != nil { guard !state.paused, !state.hasDialog else { return [] } }
            return startRefresh(&state)
        }
        if let last = state.lastAttempt {
            guard !state.paused, !state.hasDialog else { return [] }
            let interval = state.context.refreshInterval.inSeconds
            guard now.timeIntervalSince(last) >= interval else { return [] }
        }
        return startRefresh(&state)
    }

    static func startRefresh(_ state: inout ConsoleState) -> [ConsoleCommand] {
        guard !state.refreshing else { return [] }
        state.refreshing = true
        state.lastAttempt = state.now
        return [.loadSnapshot]
    }

    // MARK: Keys

    static func handleKey(_ state: inout ConsoleState, _ action: KeyAction?, _ key: Key) -> [ConsoleCommand] {
        if key == .resize { return [] }
        if case .paste(let text) = key { return paste(&state, text) }
        if state.context.readOnly, let action, action.isDestructive {
            state.log.add(.warning, "read-only mode: approve and reject are disabled", at: state.now)
            return []
        }
        switch state.keyContext {
        case .prompt:
            switch state.promptFocus {
            case .filter: return filterKey(&state, action, key)
            case .command: return commandKey(&state, action, key)
            case .detailSearch: return detailSearchKey(&state, action, key)
            case .reason, nil: return reasonKey(&state, action, key)
            }
        case .dialog:
            return dialogKey(&state, action)
        case .list, .global:
            if let commands = globalKey(&state, action) { return commands }
            return listKey(&state, action)
        case .detail:
            if let commands = globalKey(&state, action) { return commands }
            return detailKey(&state, action, key)
        case .help:
            if let commands = globalKey(&state, action) { return commands }
            return overlayKey(&state, action, key)
        case .progress:
            if let commands = globalKey(&state, action) { return commands }
            return progressKey(&state, action)
        }
    }

    /// A bracketed paste: text for the focused prompt (the filter or a reject reason), with line breaks and tabs
    /// as spaces and other control characters dropped; outside a prompt it is ignored, with a message. A paste
    /// never submits, confirms or runs a key's action.
    static func paste(_ state: inout ConsoleState, _ text: String) -> [ConsoleCommand] {
        guard state.keyContext == .prompt else {
            state.log.add(.warning, "paste ignored: paste into the filter or a reject reason", at: state.now)
            return []
        }
        if state.promptFocus == .filter {
            let edited = TextEditing.pasting(text, into: TextEditing.Field(state.filter, cursor: state.filterCursor))
            setFilter(&state, edited.text)
            state.filterCursor = edited.cursor
        } else if state.promptFocus == .command {
            state.command = TextEditing.inserting(text, into: state.command)
        } else if state.promptFocus == .detailSearch {
            setDetailSearch(&state, TextEditing.inserting(text, into: state.detailSearch))
        } else if var dialog = state.dialog, dialog.kind == .reject {
            let edited = TextEditing.pasting(text, into: TextEditing.Field(dialog.reason, cursor: dialog.reasonCursor))
            dialog.reason = edited.text
            dialog.reasonCursor = edited.cursor
            dialog.error = nil
            state.screens[state.screens.count - 1] = .dialog(dialog)
        }
        return []
    }

    /// The actions bound in the global context; nil when `action` is not one of them.
    static func globalKey(_ state: inout ConsoleState, _ action: KeyAction?) -> [ConsoleCommand]? {
        switch action {
        case .quit:
            return quit(&state)
        case .help:
            if case .help = state.screens.last {
                state.screens.removeLast()
            } else {
                state.screens.append(.help(context: state.keyContext, scroll: 0))
            }
            return []
        case .refresh:
            if state.refreshing { return [] }
            state.log.add(.info, "refreshing…", at: state.now)
            return startRefresh(&state)
        case .messages:
            replaceOverlay(&state, .messages(scroll: max(messageLineCount(state) - contentHeight(state), 0)))
            return []
        case .history:
            replaceOverlay(&state, .history(scroll: 0))
            state.journal = .loading
            return [.loadHistory(requestID: nil)]
        default:
            return nil
        }
    }

    /// Quits now, or stops every batch and quits once the requests in flight finish: nothing new starts, so the
    /// rest is not waited for (a second quit leaves at once; the run loop still lets the engine finish the
    /// requests in flight before the process exits).
    static func quit(_ state: inout ConsoleState) -> [ConsoleCommand] {
        if state.work.inFlight.isEmpty || state.quitRequested { return [.quit] }
        state.quitRequested = true
        state.log.add(
            .warning,
            "stopping: nothing new starts; waiting for \(state.work.started) request(s) in progress to finish; "
                + "quit again to leave now",
            at: state.now)
        return [.stopBatch(nil)]
    }

    /// Opens an overlay, replacing one that is already on top (help, messages and history never stack).
    static func replaceOverlay(_ state: inout ConsoleState, _ screen: ConsoleScreen) {
        switch state.screens.last {
        case .help, .messages, .history: state.screens.removeLast()
        default: break
        }
        state.screens.append(screen)
    }

    /// Help, messages and history: scroll and close.
    static func overlayKey(_ state: inout ConsoleState, _ action: KeyAction?, _ key: Key) -> [ConsoleCommand] {
        let page = contentHeight(state)
        var delta = 0
        switch action {
        case .close, .back, .cancel:
            state.screens.removeLast()
            return []
        case .scrollUp, .cursorUp: delta = -1
        case .scrollDown, .cursorDown: delta = 1
        case .pageUp: delta = -page
        case .pageDown: delta = page
        case nil:
            switch key {
            case .escape:
                state.screens.removeLast()
                return []
            case .up: delta = -1
            case .down: delta = 1
            case .pageUp: delta = -page
            case .pageDown, .space: delta = page
            case .home: delta = Int.min / 2
            case .end: delta = Int.max / 2
            default: return []
            }
        default:
            return []
        }
        guard let screen = state.screens.last else { return [] }
        let total = overlayLineCount(state, screen)
        let limit = max(total - page, 0)
        func moved(_ scroll: Int) -> Int { min(max(scroll + delta, 0), limit) }
        switch screen {
        case .help(let context, let scroll):
            state.screens[state.screens.count - 1] = .help(context: context, scroll: moved(scroll))
        case .messages(let scroll): state.screens[state.screens.count - 1] = .messages(scroll: moved(scroll))
        case .history(let scroll): state.screens[state.screens.count - 1] = .history(scroll: moved(scroll))
        default: break
        }
        return []
    }

    static func contentHeight(_ state: ConsoleState) -> Int {
        ScreenLayout.contentHeight(state.size)
    }

    static func messageLineCount(_ state: ConsoleState) -> Int {
        MessagesScreen.lines(state).count
    }

    static func overlayLineCount(_ state: ConsoleState, _ screen: ConsoleScreen) -> Int {
        switch screen {
        case .help(let context, _): HelpScreen.lineCount(state, context: context)
        case .messages: MessagesScreen.lines(state).count
        case .history: HistoryScreen.lines(state).count
        default: 0
        }
    }

    /// Keeps every scroll offset within its content after a resize.
    static func clampScrolls(_ state: inout ConsoleState) {
        let page = contentHeight(state)
        for index in state.screens.indices {
            let screen = state.screens[index]
            switch screen {
            case .detail(var view):
                view.scroll = min(view.scroll, max(DetailScreen.lineCount(state, view) - page, 0))
                state.screens[index] = .detail(view)
            case .help(let context, let scroll):
                state.screens[index] = .help(
                    context: context, scroll: min(scroll, max(overlayLineCount(state, screen) - page, 0)))
            case .messages(let scroll):
                state.screens[index] = .messages(scroll: min(scroll, max(overlayLineCount(state, screen) - page, 0)))
            case .history(let scroll):
                state.screens[index] = .history(scroll: min(scroll, max(overlayLineCount(state, screen) - page, 0)))
            case .dialog:
                break
            }
        }
    }
}
