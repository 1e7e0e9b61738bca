/// Finding the detail search's text in the detail document, folded as the filter folds (``TextFold``).
enum DetailSearch {
    /// The document rows whose text holds the search, in order.
    static func matchingRows(_ state: ConsoleState, _ view: DetailView) -> [Int] {
        let needle = TextFold.fold(state.detailSearch)
        guard !needle.isEmpty else { return [] }
        return DetailScreen.rows(state, view).enumerated().compactMap { index, row in
            TextFold.fold(row.text).contains(needle) ? index : nil
        }
    }

    /// Where `needle` (folded) occurs in `text`: each match as its start and width in terminal columns.
    static func spans(of needle: String, in text: String) -> [(x: Int, width: Int)] {
        guard !needle.isEmpty else { return [] }
        let characters = Array(text)
        let folded = characters.map { TextFold.fold(String($0)) }
        var spans: [(Int, Int)] = []
        var x = 0
        var index = 0
        while index < characters.count {
            var joined = ""
            var end = index
            while end < characters.count, joined.count < needle.count {
                joined += folded[end]
                end += 1
            }
            if joined.hasPrefix(needle) {
                let width = characters[index..<end].reduce(0) { $0 + DisplayWidth.of($1) }
                spans.append((x, width))
                x += width
                index = end
            } else {
                x += DisplayWidth.of(characters[index])
                index += 1
            }
        }
        return spans
    }
}
