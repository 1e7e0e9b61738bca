/// Which cells to write to go from one frame to the next. Pure, so the "redraw only what changed" rule is
/// tested without a terminal; `CursesTerminal` writes the runs and lets ncurses send the bytes.
enum CursesDiff {
    /// Consecutive cells on one row to be written, left to right.
    struct Run: Equatable, Sendable {
        var row: Int
        var column: Int
        var cells: [Cell]
    }

    /// The runs that turn `old` into `new`: only changed cells, grouped into runs per row. With no old frame,
    /// or one of another size, every cell is written. A run never splits a double-width character: it starts
    /// on the character, not on its `.continuation` half, and takes the continuation with it.
    static func changes(from old: Frame?, to new: Frame) -> [Run] {
        let previous = old.flatMap { $0.rows == new.rows && $0.columns == new.columns ? $0 : nil }
        var runs: [Run] = []
        for row in 0..<new.rows {
            var column = 0
            while column < new.columns {
                guard let previous, previous[row, column] == new[row, column] else {
                    let start = leadColumn(of: column, row: row, in: new)
                    var end = column + 1
                    while end < new.columns, needsWrite(row: row, column: end, old: previous, new: new) {
                        end += 1
                    }
                    let cells = (start..<end).map { new[row, $0] }
                    if let last = runs.last, last.row == row, last.column + last.cells.count >= start {
                        // Widening to the lead cell reached the end of the previous run: extend that run.
                        let overlap = last.column + last.cells.count - start
                        runs[runs.count - 1].cells.append(contentsOf: cells.dropFirst(overlap))
                    } else {
                        runs.append(Run(row: row, column: start, cells: cells))
                    }
                    column = end
                    continue
                }
                column += 1
            }
        }
        return runs
    }

    /// Whether the run that reached `column` goes on through it: the cell changed, or it is the right half of
    /// the character the run just wrote.
    private static func needsWrite(row: Int, column: Int, old: Frame?, new: Frame) -> Bool {
        guard let old else { return true }
        return old[row, column] != new[row, column] || new[row, column].text.isEmpty
    }

    /// The column where the character covering `column` starts (the column itself unless it is a continuation,
    /// a cell with empty text).
    private static func leadColumn(of column: Int, row: Int, in frame: Frame) -> Int {
        var start = column
        while start > 0, frame[row, start].text.isEmpty {
            start -= 1
        }
        return start
    }
}
