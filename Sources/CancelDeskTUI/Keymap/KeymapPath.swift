/// A location inside a keymap file, printed the way a reader finds it: `contexts.list.approve[1]`.
struct KeymapPath: Equatable, Hashable, Sendable, CustomStringConvertible {
    enum Component: Equatable, Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    private(set) var components: [Component] = []

    /// The top level of the file.
    static let root = KeymapPath()

    /// `contexts.<context>.<action>`.
    static func binding(_ context: KeyContext, _ action: KeyAction) -> KeymapPath {
        root.key("contexts").key(context.rawValue).key(action.rawValue)
    }

    func key(_ name: String) -> KeymapPath {
        var copy = self
        copy.components.append(.key(name))
        return copy
    }

    func index(_ position: Int) -> KeymapPath {
        var copy = self
        copy.components.append(.index(position))
        return copy
    }

    var description: String {
        guard !components.isEmpty else { return "(top level)" }
        var text = ""
        for component in components {
            switch component {
            case .key(let name) where Self.isPlain(name):
                text += text.isEmpty ? name : "." + name
            case .key(let name):
                text += "[" + name.keymapQuoted + "]"
            case .index(let position):
                text += "[\(position)]"
            }
        }
        return text
    }

    /// Names printed bare: ASCII letters, digits and `_ . $ -`, starting with a letter, `_` or `$`.
    private static func isPlain(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, isPlainStart(first) else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            isPlainStart(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "."
        }
    }

    private static func isPlainStart(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_" || scalar == "$"
    }
}

extension String {
    /// The text in double quotes with `\`, `"` and control or format characters escaped, so that a hostile or
    /// mistyped keymap file cannot put escape sequences on the operator's terminal.
    var keymapQuoted: String {
        var result = "\""
        for scalar in unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\t": result += "\\t"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            default:
                switch scalar.properties.generalCategory {
                case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
                    result += "\\u{" + String(scalar.value, radix: 16) + "}"
                default:
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
