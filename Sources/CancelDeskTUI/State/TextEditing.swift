/// Line editing for the filter and reason prompts.
enum TextEditing {
    /// The longest text a prompt accepts.
    static let limit = 1_000

    /// `text` after an unbound key: printable characters and space are inserted, Backspace deletes the last
    /// character; nil when the key does not edit.
    static func apply(_ key: Key, to text: String) -> String? {
        switch key {
        case .character(let character):
            guard text.count < limit, isPrintable(character) else { return nil }
            return text + String(character)
        case .space:
            guard text.count < limit else { return nil }
            return text + " "
        case .backspace:
            return text.isEmpty ? nil : String(text.dropLast())
        default:
            return nil
        }
    }

    /// `text` with `pasted` appended as one line: CR, LF, tabs and other line breaks become spaces (a run of them
    /// one space), other control and format characters are dropped, and the result is cut at ``limit``.
    static func inserting(_ pasted: String, into text: String) -> String {
        var result = text
        var spaceOwed = false
        for character in pasted {
            guard result.count < limit else { break }
            if character.isNewline || character == "\t" {
                // Owed until more text follows: a trailing line break adds nothing.
                spaceOwed = !result.isEmpty && result.last != " "
                continue
            }
            guard isPrintable(character) else { continue }
            if spaceOwed && character != " " && result.count + 1 < limit { result.append(" ") }
            spaceOwed = false
            result.append(character)
        }
        return result
    }

    /// `text` without its last word (and the spaces after it).
    static func deletingWord(_ text: String) -> String {
        var result = Substring(text)
        while result.last == " " { result = result.dropLast() }
        while let last = result.last, last != " " { result = result.dropLast() }
        return String(result)
    }

    /// Typed characters are never control or format characters (a pasted escape sequence is not inserted).
    private static func isPrintable(_ character: Character) -> Bool {
        !character.unicodeScalars.contains { scalar in
            scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                || scalar.properties.generalCategory == .format
                || scalar.properties.generalCategory == .lineSeparator
                || scalar.properties.generalCategory == .paragraphSeparator
        }
    }
}
