/// One keymap file, read and checked on its own: the bindings it sets, in file order.
///
/// Merging with other files (and the checks that need the merged result) is `KeymapMerger`'s job.
struct KeymapFile: Sendable {
    /// `contexts.<context>.<action>` as written; empty `keys` means unbound (`null` or `[]`).
    struct Entry: Sendable {
        let context: KeyContext
        let action: KeyAction
        let origin: KeymapOrigin
        let keys: [PlacedKey]
    }

    /// The only file format version this build reads.
    static let supportedVersion = 1

    let label: String
    let fromUser: Bool
    private(set) var entries: [Entry] = []

    /// Reads `text`, recording every problem; nil when the text is not a JSON object at all (nothing to merge).
    static func read(
        _ text: String,
        label: String,
        fromUser: Bool,
        diagnostics: inout KeymapDiagnostics
    ) -> KeymapFile? {
        let root: KeymapJSON
        do {
            root = try KeymapJSON.parse(text)
        } catch {
            diagnostics.problem(file: label, error.description)
            return nil
        }
        var file = KeymapFile(label: label, fromUser: fromUser)
        file.reportDuplicateKeys(in: root, at: .root, diagnostics: &diagnostics)
        guard case .object(let members) = root else {
            diagnostics.problem(file.origin(.root), "expected an object with \"version\" and \"contexts\"")
            return nil
        }
        var sawVersion = false
        for member in members {
            let path = KeymapPath.root.key(member.key)
            switch member.key {
            case "version":
                sawVersion = true
                file.checkVersion(member.value, at: path, diagnostics: &diagnostics)
            case "contexts":
                file.readContexts(member.value, at: path, diagnostics: &diagnostics)
            case "$schema":
                break
            default:
                diagnostics.problem(file.origin(path), "unknown key; a keymap file has \"version\" and \"contexts\"")
            }
        }
        if !sawVersion {
            diagnostics.problem(file.origin(.root.key("version")), "missing; add \"version\": \(supportedVersion)")
        }
        return file
    }

    private init(label: String, fromUser: Bool) {
        self.label = label
        self.fromUser = fromUser
    }

    private func origin(_ path: KeymapPath) -> KeymapOrigin {
        KeymapOrigin(file: label, path: path, fromUser: fromUser)
    }

    // MARK: Structure

    /// Every object in the file, not just the parts read below: Foundation would silently keep one of the two.
    private func reportDuplicateKeys(in value: KeymapJSON, at path: KeymapPath, diagnostics: inout KeymapDiagnostics) {
        switch value {
        case .object(let members):
            var firstLine: [String: Int] = [:]
            for member in members {
                if let line = firstLine[member.key] {
                    diagnostics.problem(
                        origin(path.key(member.key)),
                        "duplicate JSON key (lines \(line) and \(member.line)); JSON keeps only one, remove the other"
                    )
                } else {
                    firstLine[member.key] = member.line
                }
                reportDuplicateKeys(in: member.value, at: path.key(member.key), diagnostics: &diagnostics)
            }
        case .array(let elements):
            for (position, element) in elements.enumerated() {
                reportDuplicateKeys(in: element, at: path.index(position), diagnostics: &diagnostics)
            }
        default:
            break
        }
    }

    private func checkVersion(_ value: KeymapJSON, at path: KeymapPath, diagnostics: inout KeymapDiagnostics) {
        switch value {
        case .number(let text) where Double(text) == Double(Self.supportedVersion):
            break
        case .number(let text):
            diagnostics.problem(
                origin(path), "unsupported version \(text); this canceldesk reads version \(Self.supportedVersion)")
        default:
            diagnostics.problem(origin(path), "expected the number \(Self.supportedVersion), found \(value.typeName)")
        }
    }

    private mutating func readContexts(_ value: KeymapJSON, at path: KeymapPath, diagnostics: inout KeymapDiagnostics) {
        guard case .object(let members) = value else {
            diagnostics.problem(origin(path), "expected an object of contexts, found \(value.typeName)")
            return
        }
        for member in members {
            let contextPath = path.key(member.key)
            guard let context = KeyContext(rawValue: member.key) else {
                let names = KeyContext.allCases.map(\.rawValue)
                let advice =
                    Self.suggestion(member.key, among: names).map { "did you mean \($0)?" }
                    ?? "contexts are \(names.joined(separator: ", "))"
                diagnostics.problem(origin(contextPath), "unknown context; \(advice)")
                continue
            }
            guard case .object(let actions) = member.value else {
                diagnostics.problem(
                    origin(contextPath), "expected an object of action: keys, found \(member.value.typeName)")
                continue
            }
            for action in actions {
                readAction(action, in: context, at: contextPath.key(action.key), diagnostics: &diagnostics)
            }
        }
    }

    // MARK: Bindings

    private mutating func readAction(
        _ member: KeymapJSON.Member,
        in context: KeyContext,
        at path: KeymapPath,
        diagnostics: inout KeymapDiagnostics
    ) {
        let allowed = KeyAction.allCases.filter { $0.contexts.contains(context) }.map(\.rawValue)
        guard let action = KeyAction(rawValue: member.key) else {
            let advice =
                Self.suggestion(member.key, among: KeyAction.allCases.map(\.rawValue))
                .map { "did you mean \($0)?" } ?? "\(context.rawValue) actions are \(allowed.joined(separator: ", "))"
            diagnostics.problem(origin(path), "unknown action; \(advice)")
            return
        }
        guard action.contexts.contains(context) else {
            let homes = KeyContext.allCases.filter(action.contexts.contains).map(\.rawValue).joined(separator: ", ")
            diagnostics.problem(
                origin(path), "\(action.rawValue) cannot be bound in \(context.rawValue); it belongs to \(homes)")
            return
        }
        let written: [(KeymapJSON, KeymapPath)]
        switch member.value {
        case .null:
            written = []
        case .string:
            written = [(member.value, path)]
        case .array(let elements):
            written = elements.enumerated().map { ($0.element, path.index($0.offset)) }
        default:
            diagnostics.problem(
                origin(path), "expected a key string, a list of key strings, or null; found \(member.value.typeName)")
            return
        }
        var keys: [PlacedKey] = []
        var valid = true
        for (value, keyPath) in written {
            guard case .string(let notation) = value else {
                diagnostics.problem(origin(keyPath), "expected a key string, found \(value.typeName)")
                valid = false
                continue
            }
            switch Self.check(notation, for: action, in: context) {
            case .failure(let message):
                diagnostics.problem(origin(keyPath), notation: notation, message.text)
                valid = false
            case .success(let key) where keys.contains(where: { $0.key == key }):
                diagnostics.warning(origin(keyPath), notation: notation, "listed twice for \(action.rawValue); ignored")
            case .success(let key):
                keys.append(PlacedKey(key: key, notation: notation, origin: origin(keyPath)))
            }
        }
        // A value with a bad key changes nothing, so that the problem is not followed by a misleading "unbound" one.
        guard valid else { return }
        entries.append(Entry(context: context, action: action, origin: origin(path), keys: keys))
    }

    /// The key `notation` means, if it may be bound to `action` in `context`; else the message to show.
    private static func check(
        _ notation: String,
        for action: KeyAction,
        in context: KeyContext
    ) -> Result<Key, Message> {
        let key: Key
        switch KeyNotation.parse(notation) {
        case .success(let parsed): key = parsed
        case .failure(let error): return .failure(Message(error.reason))
        }
        if context == .dialog, key == .escape, action != .cancel {
            return .failure(Message("<Esc> always cancels a dialog; use another key for \(action.rawValue)"))
        }
        if context == .progress, key == .escape, action != .batchStop {
            return .failure(Message("<Esc> always stops a running batch; use another key for \(action.rawValue)"))
        }
        if context == .prompt, Self.isTyped(key) {
            return .failure(Message("a prompt types this key into its text field; use a name or a Ctrl key"))
        }
        return .success(key)
    }

    private struct Message: Error {
        let text: String
        init(_ text: String) { self.text = text }
    }

    /// Keys that insert text in a prompt's field.
    private static func isTyped(_ key: Key) -> Bool {
        switch key {
        case .character, .space: true
        default: false
        }
    }

    /// The known name one or two edits away from `name` (case ignored), if any.
    private static func suggestion(_ name: String, among names: [String]) -> String? {
        let scored = names.map { ($0, editDistance(name.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= 2, best.1 < name.count else { return nil }
        return best.0
    }

    private static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let left = Array(lhs)
        let right = Array(rhs)
        var previous = Array(0...right.count)
        for (i, leftCharacter) in left.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: right.count)
            for (j, rightCharacter) in right.enumerated() {
                let substitution = previous[j] + (leftCharacter == rightCharacter ? 0 : 1)
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, substitution)
            }
            previous = current
        }
        return previous[right.count]
    }
}
