/// Merges keymap files per action (a later file's value replaces an action's keys), then checks what only the merged
/// result can show: conflicts, invariants, shadowing.
struct KeymapMerger: Sendable {
    /// The actions that must keep a key, and why.
    static let required: [(KeyContext, KeyAction, String)] = [
        (.global, .quit, "there would be no way to quit"),
        (.global, .help, "there would be no way to open help"),
        (.dialog, .cancel, "there would be no way to back out of a confirmation"),
        (.prompt, .submit, "there would be no way to submit a reason"),
        (.prompt, .cancel, "there would be no way to leave a prompt"),
        (.help, .close, "there would be no way to close help"),
    ]

    /// Where the hard-wired dialog `<Esc>` comes from, in messages.
    static let hardWired = KeymapOrigin(file: "hard-wired", path: .binding(.dialog, .cancel), fromUser: false)

    private struct Binding: Sendable {
        let origin: KeymapOrigin
        var keys: [PlacedKey]
    }

    private var table: [KeyContext: [KeyAction: Binding]] = [:]

    /// Applies `file` over what is merged so far.
    mutating func apply(_ file: KeymapFile) {
        for entry in file.entries {
            table[entry.context, default: [:]][entry.action] = Binding(origin: entry.origin, keys: entry.keys)
        }
    }

    /// Runs every check on the merged bindings, then makes `<Esc>` cancel dialogs whatever the files say.
    mutating func check(_ diagnostics: inout KeymapDiagnostics, defaultsLabel: String) {
        checkInvariants(&diagnostics, defaultsLabel: defaultsLabel)
        if var cancel = table[.dialog]?[.cancel], !cancel.keys.isEmpty,
            !cancel.keys.contains(where: { $0.key == .escape })
        {
            cancel.keys.append(PlacedKey(key: .escape, notation: "<Esc>", origin: Self.hardWired))
            table[.dialog]?[.cancel] = cancel
        }
        checkConflicts(&diagnostics)
        warnAboutRiskyKeys(&diagnostics)
        warnAboutShadowing(&diagnostics)
    }

    /// The merged bindings (unbound actions left out).
    var keymap: Keymap {
        var bindings: [KeyContext: [KeyAction: [Key]]] = [:]
        for (context, actions) in table {
            for (action, binding) in actions where !binding.keys.isEmpty {
                bindings[context, default: [:]][action] = binding.keys.map(\.key)
            }
        }
        return Keymap(bindings: bindings)
    }

    // MARK: Checks

    private func checkInvariants(_ diagnostics: inout KeymapDiagnostics, defaultsLabel: String) {
        for (context, action, consequence) in Self.required {
            let binding = table[context]?[action]
            guard binding?.keys.isEmpty ?? true else { continue }
            let origin =
                binding?.origin
                ?? KeymapOrigin(file: defaultsLabel, path: .binding(context, action), fromUser: false)
            diagnostics.problem(origin, "must keep at least one key, or \(consequence)")
        }
    }

    /// A key may do one thing per context.
    private func checkConflicts(_ diagnostics: inout KeymapDiagnostics) {
        for context in KeyContext.allCases {
            var claims: [Key: [(action: KeyAction, placed: PlacedKey)]] = [:]
            var order: [Key] = []
            for action in KeyAction.allCases {
                for placed in table[context]?[action]?.keys ?? [] {
                    if claims[placed.key] == nil { order.append(placed.key) }
                    claims[placed.key, default: []].append((action, placed))
                }
            }
            for key in order {
                guard let all = claims[key], all.count > 1 else { continue }
                // Report where the user can fix it: their own line if there is one.
                let reported = all.first(where: { $0.placed.origin.fromUser }) ?? all[all.count - 1]
                let others = all.filter { $0.action != reported.action }
                let names = others.map(\.action.rawValue).joined(separator: " and ")
                let places = others.map { $0.placed.origin.reference(from: reported.placed.origin) }
                diagnostics.problem(
                    reported.placed.origin,
                    notation: reported.placed.notation,
                    "also bound to \(names) in \(context.rawValue) (\(places.joined(separator: "; "))); "
                        + "a key does one thing per context, so rebind one of them"
                )
            }
        }
    }

    /// Alt keys, and destructive actions on keys pressed without thinking.
    private func warnAboutRiskyKeys(_ diagnostics: inout KeymapDiagnostics) {
        for context in KeyContext.allCases {
            for action in KeyAction.allCases {
                for placed in table[context]?[action]?.keys ?? [] {
                    switch placed.key {
                    case .alt:
                        diagnostics.warning(
                            placed.origin, notation: placed.notation,
                            "Alt arrives as <Esc> followed by the key and may be slow or lost over SSH; "
                                + "prefer a plain or Ctrl key")
                    case .enter where action.isDestructive, .space where action.isDestructive:
                        diagnostics.warning(
                            placed.origin, notation: placed.notation,
                            "\(action.rawValue) on \(KeyNotation.canonical(placed.key)) is easy to press by accident")
                    default:
                        break
                    }
                }
            }
        }
    }

    /// A context key hides the global binding of the same key there. Shadowing among the defaults is deliberate
    /// (`q` closes help rather than quitting), so only shadowing that involves the user's file is reported.
    private func warnAboutShadowing(_ diagnostics: inout KeymapDiagnostics) {
        var global: [Key: (action: KeyAction, placed: PlacedKey)] = [:]
        for action in KeyAction.allCases {
            for placed in table[.global]?[action]?.keys ?? [] { global[placed.key] = (action, placed) }
        }
        for context in KeyContext.allCases where context.fallsBackToGlobal && context != .global {
            for action in KeyAction.allCases {
                for placed in table[context]?[action]?.keys ?? [] {
                    guard let hidden = global[placed.key], placed.origin.fromUser || hidden.placed.origin.fromUser
                    else { continue }
                    let reported = placed.origin.fromUser ? placed : hidden.placed
                    diagnostics.warning(
                        reported.origin, notation: reported.notation,
                        "in \(context.rawValue) this key runs \(action.rawValue), hiding global "
                            + "\(hidden.action.rawValue) there")
                }
            }
        }
    }
}

extension KeyContext {
    /// False for `dialog` and `prompt`, where unbound keys do nothing (or are typed) instead of reaching `global`.
    var fallsBackToGlobal: Bool { self != .dialog && self != .prompt }
}
