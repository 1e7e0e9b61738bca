/// Line editing for the filter and reason prompts: the text, and where the cursor is in it.
enum TextEditing {
    /// A prompt's text with its cursor (a character offset, 0...text.count).
    struct Field: Equatable {
        var text: String
        var cursor: Int

        init(_ text: String = "", cursor: Int? = nil) {
            self.text = text
            self.cursor = min(max(cursor ?? text.count, 0), text.count)
        }
    }

    /// `field` after a key in a prompt: cursor movement (Left/Right, Home/End, bound or not), insertion at the
    /// cursor, Backspace/Delete around it, `delete.word` (the word before the cursor) and `clear`; nil when the
    /// key does not edit.
    static func edit(_ field: Field, _ action: KeyAction?, _ key: Key) -> Field? {
        var field = field
        field.cursor = min(max(field.cursor, 0), field.text.count)
        let chars = Array(field.text)
        let cursor = field.cursor
        switch action {
        case .cursorLeft: return Field(field.text, cursor: cursor - 1)
        case .cursorRight: return Field(field.text, cursor: cursor + 1)
        case .lineStart: return Field(field.text, cursor: 0)
        case .lineEnd: return Field(field.text, cursor: chars.count)
        case .clear: return Field("")
        case .deleteWord:
            let before = deletingWord(String(chars[..<cursor]))
            return Field(before + String(chars[cursor...]), cursor: before.count)
        default: break
        }
        switch key {
        case .left: return Field(field.text, cursor: cursor - 1)
        case .right: return Field(field.text, cursor: cursor + 1)
        case .home: return Field(field.text, cursor: 0)
        case .end: return Field(field.text, cursor: chars.count)
        case .backspace:
            guard cursor > 0 else { return nil }
            return Field(String(chars[..<(cursor - 1)]) + String(chars[cursor...]), cursor: cursor - 1)
        case .delete:
            guard cursor < chars.count else { return nil }
            return Field(String(chars[..<cursor]) + String(chars[(cursor + 1)...]), cursor: cursor)
        case .character, .space:
            guard let typed = apply(key, to: ""), chars.count < limit else { return nil }
            return Field(String(chars[..<cursor]) + typed + String(chars[cursor...]), cursor: cursor + 1)
        default:
            return nil
        }
    }

    /// `field` with `pasted` inserted at the cursor, as ``inserting(_:into:)`` cleans it; the cursor ends after it.
    static func pasting(_ pasted: String, into field: Field) -> Field {
        let chars = Array(field.text)
        let cursor = min(max(field.cursor, 0), chars.count)
        let rest = String(chars[cursor...])
        var before = inserting(pasted, into: String(chars[..<cursor]))
        // A paste ending in a line break still separates what it brought from the text after the cursor.
        if let last = pasted.last, last.isNewline || last == "\t", let next = rest.first, next != " ",
            before.last != " ", !before.isEmpty, before.count < limit
        {
            before.append(" ")
        }
        let room = max(limit - before.count, 0)
        return Field(before + String(rest.prefix(room)), cursor: before.count)
    }

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
