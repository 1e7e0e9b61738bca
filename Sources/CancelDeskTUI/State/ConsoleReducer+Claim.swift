import CancelDeskCore

/// Presence: with `console.claim_on_open`, opening a request's detail or deciding it assigns it to the operator
/// when nobody is assigned yet (as the portal assigns the acting user); the refreshed list shows the assignee.
extension ConsoleReducer {
    /// The claims that `commands` (started by a key) call for: one per request opened (`loadRequest`) or decided
    /// (`process`) that is listed with no assignee. None unless `claim_on_open` and an assignee are configured.
    static func claims(for commands: [ConsoleCommand], _ state: ConsoleState) -> [ConsoleCommand] {
        let context = state.context
        guard context.claimOnOpen, context.assignee != nil, !context.readOnly else { return [] }
        var ids: [String] = []
        for command in commands {
            switch command {
            case .loadRequest(let id): ids.append(id)
            case .process(let decided, _, _, _): ids += decided
            default: break
            }
        }
        var seen = Set<String>()
        return ids.filter { id in
            guard seen.insert(id).inserted, let row = state.table.row(id) else { return false }
            return row.assignee.isEmpty
        }.map { .claim(requestID: $0) }
    }

    /// A claim went through: the detail shows the request as assigned, and the list is read again so its row
    /// shows the assignee.
    static func claimed(_ state: inout ConsoleState, _ request: FulfillmentRequest) -> [ConsoleCommand] {
        if state.detail?.requestID == request.id { requestLoaded(&state, request) }
        let id = SafeText.clean(request.id, limit: SafeText.rowLimit)
        let who = SafeText.clean(request.assignee.label, limit: SafeText.rowLimit)
        state.log.add(.info, "\(id) assigned to \(who.isEmpty ? "nobody" : who)", at: state.now)
        return startRefresh(&state)
    }

    /// A claim failed: said in the messages; nothing else changes (assigning is a hint, not a lock).
    static func claimFailed(_ state: inout ConsoleState, _ id: String, _ message: String) {
        let idText = SafeText.clean(id, limit: SafeText.rowLimit)
        state.log.add(
            .warning, "\(idText) could not be assigned: \(SafeText.clean(message, limit: 300))", at: state.now)
    }
}
