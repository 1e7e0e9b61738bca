/// Breaks text into lines no wider than a width, by display width, at spaces where it can and inside a word
/// only when the word alone is too wide. A grapheme is never split.
enum TextWrap {
    /// `text` in lines of at most `width` columns; from the second line on, at most `rest` columns.
    static func lines(_ text: String, width: Int, rest: Int? = nil) -> [String] {
        let rest = max(rest ?? width, 1)
        guard width > 0 else { return [text] }
        if DisplayWidth.of(text, upTo: width) <= width { return [text] }
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        var width = width
        func newLine() {
            lines.append(line)
            line = ""
            lineWidth = 0
            width = rest
        }
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let wordWidth = DisplayWidth.of(String(word))
            let gap = line.isEmpty ? 0 : 1
            if lineWidth + gap + wordWidth <= width {
                if gap == 1 { line.append(" ") }
                line += word
                lineWidth += gap + wordWidth
                continue
            }
            if !line.isEmpty { newLine() }
            if wordWidth <= width {
                line = String(word)
                lineWidth = wordWidth
                continue
            }
            for character in word { // a word wider than a line: hard breaks between graphemes
                let w = DisplayWidth.of(character)
                if lineWidth + w > width { newLine() }
                line.append(character)
                lineWidth += w
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
