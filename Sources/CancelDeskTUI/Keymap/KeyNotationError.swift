/// Why a key notation from a keymap file cannot be bound; `reason` is the text shown to the operator.
public enum KeyNotationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `""`.
    case empty
    /// A control character written literally (a raw tab or newline in the string).
    case notPrintable
    /// A literal character that has a name, such as `" "` (write `<Space>`).
    case useName(String)
    /// More than one key (`gg`, `<Esc>o`); `suggestion` is a single key the text probably meant (`ctrl+r` → `<C-r>`).
    case multiKey(suggestion: String?)
    /// `<` without a closing `>`.
    case unterminated
    /// `<Foo>`: a name that is not in the list.
    case unknownName(String)
    /// `<a>`: a single character needs no brackets.
    case bracketedCharacter(String)
    /// `<S-a>`: shifted characters are written as they are typed (`A`).
    case shiftedCharacter(String)
    /// The terminal sends the same bytes as another key (`<C-m>` is `<Enter>`).
    case indistinguishable(from: String)
    /// `<C-s>`, `<C-q>`: XON/XOFF.
    case flowControl
    /// `<C-z>`, `<C-\>`: the tty turns them into a signal; `effect` says which.
    case signal(effect: String)
    /// A modifier combination terminals cannot report portably (`<C-Up>`, `<C-S-a>`, `<A-Enter>`).
    case unsupportedCombination(String)
    /// `<F0>`, `<F13>`.
    case functionKeyOutOfRange

    /// The human explanation, ending with what to do instead.
    public var reason: String {
        switch self {
        case .empty:
            "empty key; write a key such as a, <C-r> or <Enter>"
        case .notPrintable:
            "not a printable character; use a name such as <Tab> or <Enter>"
        case .useName(let name):
            "write \(name) for this key"
        case .multiKey(let suggestion?):
            "multi-key sequences are not supported; did you mean \(suggestion)?"
        case .multiKey(nil):
            "multi-key sequences are not supported; bind a single key"
        case .unterminated:
            "missing >; write <lt> for the < key"
        case .unknownName(let name):
            "unknown key name <\(name)>; names are \(KeyNotation.names.joined(separator: " "))"
        case .bracketedCharacter(let character):
            "write single characters without brackets: \(character)"
        case .shiftedCharacter(let shifted):
            "write shifted characters as typed: \(shifted)"
        case .indistinguishable(let other):
            "indistinguishable from \(other); use another key"
        case .flowControl:
            "terminal flow control (XON/XOFF) may swallow it or freeze the screen; use another key"
        case .signal(let effect):
            "the terminal turns it into \(effect); use another key"
        case .unsupportedCombination(let message):
            message
        case .functionKeyOutOfRange:
            "function keys run from <F1> to <F12>"
        }
    }

    /// The same as `reason`.
    public var description: String { reason }
}
