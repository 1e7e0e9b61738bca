/// What the console says about keys: the label of an action's first key (for the hint line and dialogs) and
/// the help lines of a context. The composition root builds it from the effective keymap, e.g. with the
/// keymap module's `KeyNotation.canonical` and `KeymapTable.helpLines`; tests pass their own.
public struct KeyHints: Sendable {
    /// The notation of the first key bound to the action in the context (e.g. `a`, `<C-r>`), nil when unbound.
    public var shortcut: @Sendable (KeyAction, KeyContext) -> String?
    /// The help lines of one context, from the effective keymap.
    public var helpLines: @Sendable (KeyContext) -> [HelpLine]

    public init(
        shortcut: @escaping @Sendable (KeyAction, KeyContext) -> String?,
        helpLines: @escaping @Sendable (KeyContext) -> [HelpLine]
    ) {
        self.shortcut = shortcut
        self.helpLines = helpLines
    }

    /// Hints read from `keymap`: `notation` writes a key (`KeyNotation.canonical`), `helpLines` lists a context
    /// (`KeymapTable.helpLines(keymap, context:)`).
    public init(
        keymap: Keymap, notation: @escaping @Sendable (Key) -> String,
        helpLines: @escaping @Sendable (KeyContext) -> [HelpLine]
    ) {
        self.init(
            shortcut: { action, context in keymap.keys(for: action, in: context).first.map(notation) },
            helpLines: helpLines)
    }

    /// No hints at all (the console still works; the help says nothing is bound).
    public static let none = KeyHints(shortcut: { _, _ in nil }, helpLines: { _ in [] })

    /// The label of `action` in `context`, else in the global context (which list, detail and help fall back
    /// to).
    func label(_ action: KeyAction, in context: KeyContext) -> String? {
        if let label = shortcut(action, context) { return label }
        guard context != .dialog, context != .prompt else { return nil }
        return shortcut(action, .global)
    }
}

/// One line of the help overlay.
public struct HelpLine: Sendable, Equatable {
    /// The keys, written out (`j, <Down>`).
    public var keys: String
    /// The action's name in keymap.json (`cursor.down`).
    public var action: String
    /// What it does, for people.
    public var description: String

    public init(keys: String, action: String, description: String) {
        self.keys = keys
        self.action = action
        self.description = description
    }
}
