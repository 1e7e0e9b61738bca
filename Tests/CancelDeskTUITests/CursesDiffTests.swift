import Testing

@testable import CancelDeskTUI

@Suite("CursesDiff: only changed cells are written")
struct CursesDiffTests {
    /// A list-like frame: each row's text, the selected row reversed across the whole width, cursor on it.
    private func list(rows: Int = 6, columns: Int = 12, selected: Int) -> Frame {
        var frame = Frame(rows: rows, columns: columns)
        for row in 0..<rows {
            let style = row == selected ? Style(reverse: true) : .plain
            let text = Array("item \(row)")
            for column in 0..<columns {
                frame[row, column] = Cell(text: column < text.count ? String(text[column]) : " ", style: style)
            }
        }
        frame.cursor = (row: selected, column: 0)
        return frame
    }

    private func write(_ text: String, row: Int, column: Int = 0, style: Style = .plain, into frame: inout Frame) {
        for (offset, character) in text.enumerated() {
            frame[row, column + offset] = Cell(text: String(character), style: style)
        }
    }

    @Test("no previous frame: every row is one run of every cell")
    func firstFrame() {
        let frame = list(selected: 0)
        let runs = CursesDiff.changes(from: nil, to: frame)
        #expect(runs.count == frame.rows)
        #expect(runs.allSatisfy { $0.column == 0 && $0.cells.count == frame.columns })
        #expect(runs.map(\.row) == Array(0..<frame.rows))
        #expect(runs[2].cells.map(\.text).joined() == "item 2      ")
    }

    @Test("the same frame again writes nothing")
    func unchanged() {
        let frame = list(selected: 3)
        #expect(CursesDiff.changes(from: frame, to: frame).isEmpty)
    }

    @Test("moving the selection down one row rewrites only the old and the new row")
    func selectionMove() {
        let old = list(selected: 2)
        let new = list(selected: 3)
        let runs = CursesDiff.changes(from: old, to: new)
        #expect(runs.map(\.row) == [2, 3])
        #expect(runs.allSatisfy { $0.column == 0 && $0.cells.count == new.columns })
        #expect(runs[0].cells.allSatisfy { !$0.style.reverse })
        #expect(runs[1].cells.allSatisfy { $0.style.reverse })
    }

    @Test("a cursor-only change writes no cells")
    func cursorOnly() {
        let old = list(selected: 1)
        var new = old
        new.cursor = (row: 4, column: 2)
        #expect(CursesDiff.changes(from: old, to: new).isEmpty)
    }

    @Test("changes on one row become one run per stretch of changed cells")
    func runsPerStretch() {
        let old = list(selected: 0)
        var new = old
        write("X", row: 4, column: 1, into: &new)
        write("YZ", row: 4, column: 7, into: &new)
        write("W", row: 5, column: 11, into: &new)
        let runs = CursesDiff.changes(from: old, to: new)
        #expect(runs.count == 3)
        #expect(runs[0] == .init(row: 4, column: 1, cells: [Cell(text: "X")]))
        #expect(runs[1] == .init(row: 4, column: 7, cells: [Cell(text: "Y"), Cell(text: "Z")]))
        #expect(runs[2] == .init(row: 5, column: 11, cells: [Cell(text: "W")]))
    }

    @Test("a style change alone is a change")
    func styleChange() {
        let old = list(selected: 0)
        var new = old
        new[3, 0] = Cell(text: "i", style: Style(color: .danger))
        #expect(CursesDiff.changes(from: old, to: new) == [.init(row: 3, column: 0, cells: [new[3, 0]])])
    }

    @Test("a changed double-width character is written with its continuation")
    func wideLead() {
        var old = list(selected: 0)
        old[4, 2] = Cell(text: "日")
        old[4, 3] = .continuation
        var new = old
        new[4, 2] = Cell(text: "本")
        #expect(CursesDiff.changes(from: old, to: new) == [.init(row: 4, column: 2, cells: [new[4, 2], new[4, 3]])])
    }

    @Test("a change on a continuation starts the run at its character")
    func wideContinuation() {
        var old = list(selected: 0)
        old[4, 2] = Cell(text: "日")
        old[4, 3] = .continuation
        var new = old
        new[4, 3] = Cell(text: "", style: Style(underline: true))
        #expect(CursesDiff.changes(from: old, to: new) == [.init(row: 4, column: 2, cells: [new[4, 2], new[4, 3]])])
    }

    @Test("a narrow character replacing a wide one: both columns are written")
    func wideToNarrow() {
        var old = list(selected: 0)
        old[4, 2] = Cell(text: "日")
        old[4, 3] = .continuation
        var new = old
        new[4, 2] = Cell(text: "a")
        new[4, 3] = Cell(text: "b")
        #expect(CursesDiff.changes(from: old, to: new) == [.init(row: 4, column: 2, cells: [new[4, 2], new[4, 3]])])
    }

    @Test("a frame of another size is written whole")
    func resized() {
        let old = list(rows: 6, columns: 12, selected: 0)
        let new = list(rows: 5, columns: 10, selected: 0)
        let runs = CursesDiff.changes(from: old, to: new)
        #expect(runs.count == 5 && runs.allSatisfy { $0.cells.count == 10 })
    }

    @Test("an empty frame has no runs")
    func empty() {
        #expect(CursesDiff.changes(from: nil, to: Frame(rows: 0, columns: 0)).isEmpty)
        #expect(CursesDiff.changes(from: nil, to: Frame(rows: 3, columns: 0)).isEmpty)
    }

    @Test("at 120×40, a selection move changes 240 cells out of 4,800")
    func fullSizeMove() {
        let runs = CursesDiff.changes(
            from: list(rows: 40, columns: 120, selected: 10), to: list(rows: 40, columns: 120, selected: 11))
        #expect(runs.reduce(0) { $0 + $1.cells.count } == 240)
    }
}
