import CancelDeskCore
import Foundation
import Testing

@testable import CancelDeskTUI

/// The selected row is marked with `>` and reverse video on its text only, so a cursor move rewrites little.
@Suite struct ListHighlightTests {
    /// The screen row of the request with this id.
    private func screenRow(_ frame: Frame, _ id: String) throws -> Int {
        try #require(RecordingTerminal.lines(frame).firstIndex { $0.contains(id) })
    }

    @Test func theSelectedRowReversesItsTextButNotTheBlanksAroundIt() throws {
        let state = Fixture.state(columns: 120)
        let frame = render(state)
        let selected = try screenRow(frame, try #require(state.selectedID))
        let other = try screenRow(frame, Fixture.id(11))
        #expect(frame[selected, 0].text == ">" && frame[selected, 0].style.reverse, "the marker")
        let columns = ListColumns(width: 120)
        let id = try #require(columns.layout.first { $0.column == .id })
        let customer = try #require(columns.layout.first { $0.column == .customer })
        for x in id.x..<(id.x + id.width) {
            #expect(frame[selected, x].style.reverse, "request id cell \(x) is highlighted")
            #expect(!frame[other, x].style.reverse, "other rows are not")
        }
        #expect(!frame[selected, id.x + id.width].style.reverse, "the gap after a column is not")
        let name = state.selectedRow?.customer ?? ""
        let nameEnd = customer.x + DisplayWidth.of(name)
        #expect(frame[selected, customer.x].style.reverse)
        #expect(!frame[selected, nameEnd].style.reverse, "the padding after the customer is not")
        let blanks = (4..<120).filter { frame[selected, $0].text == " " && frame[selected, $0].style.reverse }
        #expect(blanks.count <= 2, "almost no reversed blanks (only spaces inside the text): \(blanks)")
    }

    @Test func aCursorMoveChangesOnlyTheTwoRowsText() throws {
        var state = Fixture.state(rows: 40, columns: 120)
        let before = render(state)
        press(&state, .character("j"))
        let after = render(state)
        let runs = CursesDiff.changes(from: before, to: after)
        #expect(Set(runs.map(\.row)).count == 2, "only the old and the new selected rows: \(runs.map(\.row))")
        let cells = runs.reduce(0) { $0 + $1.cells.count }
        #expect(cells < 2 * 100, "far fewer cells than two full 120-column rows: \(cells)")
        let blanks = runs.flatMap(\.cells).filter { $0.text == " " }.count
        #expect(blanks < 30, "blanks rewritten: \(blanks)")
    }

    @Test func markedRowsAreBoldOnTheirTextOnly() throws {
        var state = Fixture.state(columns: 120)
        press(&state, .space)
        let frame = render(state)
        let row = try screenRow(frame, Fixture.id(12))
        #expect(frame[row, 1].text == "*")
        let id = try #require(ListColumns(width: 120).layout.first { $0.column == .id })
        #expect(frame[row, id.x].style.bold)
        #expect(!frame[row, 119].style.bold, "blanks at the end of the row stay plain")
    }
}
