import Foundation

/// The terminal thread's loop: drain the inbox, tick, draw when something changed, read keys.
struct ConsoleLoop {
    let console: Console
    let terminal: any TerminalDriver
    let dispatch: @Sendable (ConsoleCommand) -> Void

    /// Keys handled in one go before the screen is drawn again (a paste into the filter draws once).
    static let keyBurst = 64

    func run() -> Int32 {
        defer { terminal.shutdown() }
        let now = console.clock()
        var state = ConsoleState(context: console.context, size: currentSize(), now: now, hints: console.hints)
        var quit = false
        var dirty = true
        var lastFrame: Frame?
        var lastSecond = Int.min
        var confirmGuard = ConfirmGuard(delay: console.confirmDelay)
        let inputClock = ContinuousClock()

        func apply(_ event: ConsoleEvent) {
            for command in ConsoleReducer.reduce(&state, event) {
                switch command {
                case .quit: quit = true
                case .copy(let text): terminal.copyToClipboard(text)
                default: dispatch(command)
                }
            }
            confirmGuard.observe(asking: Self.asking(state))
            dirty = true
        }

        while !quit {
            let size = currentSize()
            if size != state.size { apply(.resized(size)) }
            for event in console.inbox.drain() { apply(event) }
            let now = console.clock()
            let second = Int(now.timeIntervalSince1970.rounded(.down))
            if second != lastSecond {
                lastSecond = second
                apply(.tick(now))
            }
            if quit { break }
            if dirty {
                let frame = ConsoleRenderer.render(state, hints: console.hints)
                if frame != lastFrame {
                    terminal.draw(frame)
                    lastFrame = frame
                }
                confirmGuard.drawn(asking: Self.asking(state), at: inputClock.now)
                dirty = false
            }
            var timeout = console.keyTimeout
            for _ in 0..<Self.keyBurst {
                guard let key = terminal.readKey(timeout: timeout) else {
                    // No key for a moment: the cursor rests, and the preview pane may read its request.
                    if timeout != .zero, ConsoleReducer.previewWanted(state) { apply(.idle) }
                    break
                }
                timeout = .zero
                if key == .resize {
                    apply(.resized(currentSize()))
                } else {
                    for key in Self.split(key, boundIn: state.keyContext, keymap: console.keymap) {
                        var bound = action(for: key, in: state.keyContext)
                        if ConfirmGuard.confirms(bound), Self.asking(state), !confirmGuard.allows(at: inputClock.now) {
                            // Typed before the dialog was on screen long enough to be read: not a confirmation.
                            bound = nil
                            state.log.add(.info, "confirm ignored: the dialog had only just opened", at: state.now)
                        }
                        apply(.key(bound, key))
                    }
                }
                if quit { break }
            }
        }
        return 0
    }

    /// True while a dialog asks to confirm a decision.
    static func asking(_ state: ConsoleState) -> Bool {
        state.dialog?.phase == .asking
    }

    /// Terminals send Alt+key as Esc then the key, so Esc quickly followed by a key arrives as `.alt`. When
    /// nothing is bound to that Alt key here, it was an Esc and a key: handle them one after the other. In a
    /// prompt, Alt plus a digit picks a preset reason and stays whole.
    static func split(_ key: Key, boundIn context: KeyContext, keymap: Keymap) -> [Key] {
        guard case .alt(let character) = key, keymap.action(for: key, in: context) == nil,
            !(context == .prompt && character.isWholeNumber)
        else { return [key] }
        return [.escape, character == " " ? .space : .character(character)]
    }

    /// The key's action in the effective keymap; in read-only mode a key that would approve or reject still
    /// reports that action, so the reducer can say why nothing happens.
    private func action(for key: Key, in context: KeyContext) -> KeyAction? {
        if let action = console.keymap.action(for: key, in: context) { return action }
        guard let removed = console.removedActions?.action(for: key, in: context), removed.isDestructive else {
            return nil
        }
        return removed
    }

    private func currentSize() -> TerminalSize {
        let size = terminal.size
        return TerminalSize(rows: size.rows, columns: size.columns)
    }
}
