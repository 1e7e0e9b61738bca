/// The effective keymap as text: the table `canceldesk keymap --check` prints, and the help overlay's rows.
///
/// Both read the keymap actually in use, so a rebinding (approve on `A`) shows as `A`.
public enum KeymapTable {
    /// Every context and each of its actions with its keys in canonical notation, in aligned columns, one row per
    /// action (unbound ones included, marked `(unbound)`), ending with a newline.
    public static func text(_ keymap: Keymap) -> String {
        var rows: [(String, String, String)] = [("CONTEXT", "ACTION", "KEYS")]
        for context in KeyContext.allCases {
            for action in actions(in: context) {
                let keys = keymap.keys(for: action, in: context)
                rows.append((context.rawValue, action.rawValue, keys.isEmpty ? "(unbound)" : notation(keys)))
            }
        }
        let contextWidth = rows.map(\.0.count).max() ?? 0
        let actionWidth = rows.map(\.1.count).max() ?? 0
        var text = ""
        for (context, action, keys) in rows {
            text += pad(context, contextWidth) + "  " + pad(action, actionWidth) + "  " + keys + "\n"
        }
        let fallback = KeyContext.allCases.filter { $0 != .global && $0.fallsBackToGlobal }.map(\.rawValue)
        let isolated = KeyContext.allCases.filter { !$0.fallsBackToGlobal }.map(\.rawValue)
        text +=
            "\n\(fallback.joined(separator: ", ")) also use the global keys; "
            + "\(isolated.joined(separator: " and ")) do not. <Esc> always cancels a dialog or stops its batch.\n"
        return text
    }

    /// The help overlay's rows for `context`: its own bound actions, then (where the context falls back to global)
    /// the global ones, without keys the context takes over. `keys` is canonical notation joined by spaces.
    public static func helpLines(
        _ keymap: Keymap,
        context: KeyContext
    ) -> [(keys: String, action: String, description: String)] {
        var lines: [(keys: String, action: String, description: String)] = []
        var taken: Set<Key> = []
        for action in actions(in: context) {
            let keys = keymap.keys(for: action, in: context)
            guard !keys.isEmpty else { continue }
            taken.formUnion(keys)
            lines.append((notation(keys), action.rawValue, action.helpText))
        }
        guard context != .global, context.fallsBackToGlobal else { return lines }
        for action in actions(in: .global) {
            let keys = keymap.keys(for: action, in: .global).filter { !taken.contains($0) }
            guard !keys.isEmpty else { continue }
            lines.append((notation(keys), action.rawValue, action.helpText))
        }
        return lines
    }

    /// The actions that may be bound in `context`, in declaration order.
    private static func actions(in context: KeyContext) -> [KeyAction] {
        KeyAction.allCases.filter { $0.contexts.contains(context) }
    }

    private static func notation(_ keys: [Key]) -> String {
        keys.map(KeyNotation.canonical).joined(separator: " ")
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
