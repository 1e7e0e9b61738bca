import CancelDeskCore

/// The preview pane (the cursor request read in full below the list) and copying ids to the clipboard.
extension ConsoleReducer {
    /// True when a pause in the keys would start a read for the preview pane (the run loop asks before it
    /// reports ``ConsoleEvent/idle``, so an idle console does not redraw for nothing).
    static func previewWanted(_ state: ConsoleState) -> Bool {
        guard state.showsPreview, state.screens.isEmpty, let row = state.selectedRow else { return false }
        return state.preview.requestID != row.id || !state.preview.requested
    }

    /// The cursor rests: the preview pane reads the request under it (once; again after each listing).
    static func syncPreview(_ state: inout ConsoleState) -> [ConsoleCommand] {
        guard previewWanted(state), let row = state.selectedRow else { return [] }
        if state.preview.requestID != row.id {
            state.preview = PreviewState(requestID: row.id)
        }
        state.preview.requested = true
        return [.loadRequest(requestID: row.id)]
    }

    /// A read arrived for the preview's request.
    static func previewLoaded(_ state: inout ConsoleState, _ request: FulfillmentRequest) {
        guard state.preview.requestID == request.id else { return }
        state.preview.request = request
        state.preview.loadError = nil
    }

    /// A read for the preview's request failed; what was read before stays, with the reason.
    static func previewFailed(_ state: inout ConsoleState, _ id: String, _ message: String) {
        guard state.preview.requestID == id else { return }
        state.preview.loadError = SafeText.clean(message, limit: 500)
    }

    /// After a listing: the preview's request is read again when the cursor next rests.
    static func previewStale(_ state: inout ConsoleState) {
        state.preview.requested = false
    }

    /// `c` / `C`: the request id or the vendor subscription id, as shown (sanitized), to the clipboard.
    static func copy(_ state: inout ConsoleState, _ action: KeyAction?, row: RequestRow?) -> [ConsoleCommand] {
        guard let row else {
            state.log.add(.info, "nothing selected to copy", at: state.now)
            return []
        }
        let what = action == .copySubscription ? "vendor subscription id" : "request id"
        let text = action == .copySubscription ? row.subscription : row.idText
        guard !text.isEmpty else {
            state.log.add(.warning, "\(row.idText) has no \(what) to copy", at: state.now)
            return []
        }
        state.log.add(.info, "copied \(what) \(text) to the clipboard (OSC 52)", at: state.now)
        return [.copy(text)]
    }

    /// The row of the request the detail view shows (from the list, else as last read).
    static func detailRowForCopy(_ state: ConsoleState) -> RequestRow? {
        guard let view = state.detail else { return nil }
        if let row = state.table.row(view.requestID) { return row }
        return view.request.map { RequestRow($0, subscriptionParameter: state.context.subscriptionParameter) }
    }
}
