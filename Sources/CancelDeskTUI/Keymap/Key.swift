/// One key press, decoded once from the terminal; screens and keymaps only ever see these.
public enum Key: Sendable, Hashable {
    /// A printable character (uppercase means shifted).
    case character(Character)
    /// Ctrl plus a letter, stored lower-case (`<C-r>` is `.control("r")`).
    case control(Character)
    /// Alt (ESC-prefixed) plus a character.
    case alt(Character)
    case enter, escape, space, tab, backTab, backspace, delete
    case up, down, left, right, home, end, pageUp, pageDown
    /// F1…F12.
    case function(Int)
    /// The terminal changed size (ncurses KEY_RESIZE).
    case resize
    /// Text the terminal delivered as a bracketed paste (`ESC[200~` … `ESC[201~`). Never bound to an action:
    /// a prompt takes it as text, everywhere else it is ignored, so a paste can never act as keystrokes.
    case paste(String)
}

/// Where a key is looked up. `dialog` and `prompt` do not fall back to `global` (typing `q` in a reason field
/// inserts `q`).
public enum KeyContext: String, Sendable, Hashable, CaseIterable {
    case global, list, detail, dialog, prompt, help
    /// A decision dialog while the engine works on it (falls back to the global keys).
    case progress
}

/// Every action a key can be bound to. The raw value is the name used in keymap.json.
public enum KeyAction: String, Sendable, Hashable, CaseIterable {
    // global
    case quit, help, refresh, messages, history
    // list
    case cursorUp = "cursor.up"
    case cursorDown = "cursor.down"
    case pageUp = "page.up"
    case pageDown = "page.down"
    case cursorTop = "cursor.top"
    case cursorBottom = "cursor.bottom"
    case open, filter
    case filterClear = "filter.clear"
    case reviewFilter = "filter.review"
    case sortNext = "sort.next"
    case sortReverse = "sort.reverse"
    case markToggle = "mark.toggle"
    case markAllVisible = "mark.allVisible"
    case markClear = "mark.clear"
    case markUndo = "mark.undo"
    case approve, reject
    case refreshPause = "refresh.pause"
    case previewToggle = "preview.toggle"
    case copyID = "copy.id"
    case copySubscription = "copy.sub"
    case matchNext = "match.next"
    case matchPrev = "match.prev"
    case command
    case sortLeft = "sort.left"
    case sortRight = "sort.right"
    // detail
    case back
    case scrollUp = "scroll.up"
    case scrollDown = "scroll.down"
    case itemNext = "item.next"
    case itemPrev = "item.prev"
    case search
    // dialog
    case confirm, cancel
    case focusNext = "focus.next"
    case focusPrev = "focus.prev"
    case activate
    case scopeOne = "scope.one"
    case scopeMarked = "scope.marked"
    // prompt
    case submit
    case deleteWord = "delete.word"
    case clear
    case presetNext = "preset.next"
    case presetPrev = "preset.prev"
    case cursorLeft = "cursor.left"
    case cursorRight = "cursor.right"
    case lineStart = "line.start"
    case lineEnd = "line.end"
    // help
    case close
    // progress
    case batchStop = "batch.stop"
    case batchHide = "batch.hide"

    /// The contexts this action may be bound in.
    public var contexts: Set<KeyContext> {
        switch self {
        case .quit, .help, .refresh, .messages, .history: [.global]
        case .cursorUp, .cursorDown, .cursorTop, .cursorBottom, .open, .filter, .filterClear, .reviewFilter,
            .sortNext, .sortReverse, .markAllVisible, .markClear, .markUndo, .refreshPause, .previewToggle, .command,
            .sortLeft, .sortRight:
            [.list]
        case .matchNext, .matchPrev: [.list, .detail]
        case .search: [.detail]
        case .pageUp, .pageDown: [.list, .dialog, .prompt]
        case .approve, .reject, .markToggle, .copyID, .copySubscription: [.list, .detail]
        case .back, .itemNext, .itemPrev: [.detail]
        case .scrollUp, .scrollDown: [.detail, .help, .dialog]
        case .confirm, .focusNext, .focusPrev, .activate, .scopeOne, .scopeMarked: [.dialog]
        case .cancel: [.dialog, .prompt]
        case .submit, .deleteWord, .clear, .presetNext, .presetPrev, .cursorLeft, .cursorRight, .lineStart, .lineEnd:
            [.prompt]
        case .close: [.help]
        case .batchStop, .batchHide: [.progress]
        }
    }

    /// True for actions that change something remotely; removed in read-only mode.
    public var isDestructive: Bool { self == .approve || self == .reject }
}
