/// The effective key bindings: the embedded defaults (keymap.json) with a user file's overrides merged per action.
///
/// A user value replaces the default keys of that action (never adds to them); `null` unbinds it.
public struct Keymap: Sendable, Equatable {
    /// Keys per action per context, in the order the file lists them (the first is shown in hints).
    public private(set) var bindings: [KeyContext: [KeyAction: [Key]]]

    public init(bindings: [KeyContext: [KeyAction: [Key]]]) {
        self.bindings = bindings
    }

    /// The action `key` triggers in `context`: the context's own binding, else (except in `dialog` and `prompt`)
    /// the global one.
    public func action(for key: Key, in context: KeyContext) -> KeyAction? {
        if let action = bindings[context]?.first(where: { $0.value.contains(key) })?.key { return action }
        guard context != .dialog && context != .prompt else { return nil }
        return bindings[.global]?.first(where: { $0.value.contains(key) })?.key
    }

    /// The keys bound to `action` in `context` (empty when unbound).
    public func keys(for action: KeyAction, in context: KeyContext) -> [Key] {
        bindings[context]?[action] ?? []
    }

    /// The same keymap without approve and reject (read-only mode).
    public func withoutDestructiveActions() -> Keymap {
        var copy = self
        for context in KeyContext.allCases {
            copy.bindings[context] = copy.bindings[context]?.filter { !$0.key.isDestructive }
        }
        return copy
    }
}
