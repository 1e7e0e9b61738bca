import Foundation

/// The `:` command line: `:goto ID`, `:sort KEY [asc|desc]`, `:filter TEXT`, `:mark all`. Tab completes command
/// names, sort keys and request ids; a command that cannot run says why on the message line.
extension ConsoleReducer {
    /// The commands, in the order completion offers them.
    enum LineCommand: String, CaseIterable {
        case goto, sort, filter, mark
    }

    /// The names `:sort` takes.
    static let sortNames: [(name: String, key: SortOrder.Key)] = [
        ("age", .created), ("created", .created), ("id", .id), ("customer", .customer), ("product", .product),
        ("sub", .subscription), ("subscription", .subscription), ("env", .environment),
        ("environment", .environment), ("mp", .marketplace), ("marketplace", .marketplace), ("assignee", .assignee),
        ("sli", .sli),
    ]

    static func commandKey(_ state: inout ConsoleState, _ action: KeyAction?, _ key: Key) -> [ConsoleCommand] {
        switch action {
        case .submit:
            let text = state.command
            state.commandEditing = false
            state.command = ""
            runCommand(&state, text)
        case .cancel:
            state.commandEditing = false
            state.command = ""
        case .clear:
            state.command = ""
        case .deleteWord:
            state.command = TextEditing.deletingWord(state.command)
        case .presetNext:
            completeCommand(&state)
        default:
            if key == .tab {
                completeCommand(&state)
            } else if key == .backspace, state.command.isEmpty {
                state.commandEditing = false
            } else if let edited = TextEditing.apply(key, to: state.command) {
                state.command = edited
            }
        }
        return []
    }

    /// Runs one command line (without its `:`).
    static func runCommand(_ state: inout ConsoleState, _ text: String) {
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        guard let first = words.first else { return }
        let rest = words.dropFirst().joined(separator: " ")
        guard let command = lineCommand(first) else {
            let names = LineCommand.allCases.map(\.rawValue).joined(separator: ", ")
            commandError(&state, "unknown command \"\(first)\" (commands: \(names))")
            return
        }
        switch command {
        case .goto: goto(&state, rest)
        case .sort: sortCommand(&state, Array(words.dropFirst()))
        case .filter:
            setFilter(&state, rest)
            state.log.add(.info, rest.isEmpty ? "filter cleared" : "filter: \(rest)", at: state.now)
        case .mark:
            guard rest.lowercased() == "all" else {
                commandError(&state, ":mark takes \"all\" (marks every request the filter shows)")
                return
            }
            markAllVisible(&state)
            state.log.add(.info, "marked \(state.visible.count) request(s)", at: state.now)
        }
    }

    /// A command by its name or an unambiguous start of it (`:g`, `:so`).
    static func lineCommand(_ word: Substring) -> LineCommand? {
        let word = word.lowercased()
        if let exact = LineCommand(rawValue: word) { return exact }
        let matching = LineCommand.allCases.filter { $0.rawValue.hasPrefix(word) }
        return matching.count == 1 ? matching[0] : nil
    }

    /// `:goto ID`: selects the request; when the filter hides it, the filter is cleared first.
    static func goto(_ state: inout ConsoleState, _ text: String) {
        let id = text.trimmingCharacters(in: .whitespaces)
        guard !id.isEmpty else {
            commandError(&state, ":goto needs a request id (PR-…)")
            return
        }
        let found = state.table.index(of: id) ?? state.table.index(of: id.uppercased())
        guard let index = found else {
            commandError(&state, "no request \(id) in the list")
            return
        }
        if !state.visible.contains(index) {
            setFilter(&state, "")
            state.log.add(.info, "filter cleared: it hid \(state.table.rows[index].idText)", at: state.now)
        }
        if let position = state.visible.firstIndex(of: index) { moveCursor(&state, to: position) }
    }

    static func sortCommand(_ state: inout ConsoleState, _ words: [Substring]) {
        let names = sortNames.map(\.name).joined(separator: ", ")
        guard let name = words.first?.lowercased(), let key = sortNames.first(where: { $0.name == name })?.key else {
            let given = words.first.map { "unknown sort key \"\($0)\"" } ?? ":sort needs a key"
            commandError(&state, "\(given) (keys: \(names))")
            return
        }
        var ascending = true
        if words.count > 1 {
            switch words[1].lowercased() {
            case "asc": ascending = true
            case "desc": ascending = false
            default:
                commandError(&state, ":sort \(name) takes asc or desc, not \"\(words[1])\"")
                return
            }
        }
        setSort(&state, SortOrder(key: key, ascending: ascending))
    }

    static func commandError(_ state: inout ConsoleState, _ text: String) {
        state.log.add(.error, text, at: state.now)
    }

    // MARK: Completion

    /// Tab: completes the word being typed — a command name, a sort key, `all` after `:mark`, a request id after
    /// `:goto` — as far as the candidates agree; several candidates are listed on the message line.
    static func completeCommand(_ state: inout ConsoleState) {
        let text = state.command
        let endsWord = text.hasSuffix(" ")
        var words = text.split(separator: " ").map(String.init)
        if endsWord || words.isEmpty { words.append("") }
        let typed = words[words.count - 1]
        let candidates: [String]
        if words.count == 1 {
            candidates = LineCommand.allCases.map(\.rawValue)
        } else {
            switch lineCommand(Substring(words[0])) {
            case .sort? where words.count == 2: candidates = sortNames.map(\.name)
            case .sort? where words.count == 3: candidates = ["asc", "desc"]
            case .mark? where words.count == 2: candidates = ["all"]
            case .goto? where words.count == 2 && !typed.isEmpty: candidates = requestIDs(&state, startingWith: typed)
            default: candidates = []
            }
        }
        let lowered = typed.lowercased()
        let matching = candidates.filter { $0.lowercased().hasPrefix(lowered) }
        guard !matching.isEmpty else {
            state.log.add(.info, "nothing to complete", at: state.now)
            return
        }
        var completed = matching.count == 1 ? matching[0] + " " : commonPrefix(matching)
        if completed.count < typed.count { completed = typed }
        words[words.count - 1] = completed
        state.command = words.joined(separator: " ")
        if matching.count > 1 { state.log.add(.info, matching.prefix(12).joined(separator: "  "), at: state.now) }
    }

    /// Up to 50 listed request ids starting with `prefix` (any case).
    private static func requestIDs(_ state: inout ConsoleState, startingWith prefix: String) -> [String] {
        let upper = prefix.uppercased()
        var found: [String] = []
        for row in state.table.rows where row.id.uppercased().hasPrefix(upper) {
            found.append(row.id)
            if found.count == 50 { break }
        }
        return found
    }

    private static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first else { return "" }
        for word in words.dropFirst() {
            while !word.lowercased().hasPrefix(prefix.lowercased()) { prefix.removeLast() }
        }
        return prefix
    }
}
