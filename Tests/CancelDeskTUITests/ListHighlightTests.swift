import CancelDeskCore
import Foundation
import Testing

@testable import CancelDeskTUI

/// The selected row is marked with `>` and its request id in reverse video, so a cursor move rewrites little.
@Suite struct ListHighlightTests {
    /// The screen row of the request with this id.
    private func screenRow(_ frame: Frame, _ id: String) throws -> Int {
        try #require(RecordingTerminal.lines(frame).firstIndex { $0.contains(id) })
    }

    @Test func theSelectedRowShowsTheMarkerAndAReversedRequestIdOnly() throws {
        let state = Fixture.state(columns: 120)
        let frame = render(state)
        let selected = try screenRow(frame, try #require(state.selectedID))
        let other = try screenRow(frame, Fixture.id(11))
        #expect(frame[selected, 0].text == ">" && frame[selected, 0].style.reverse, "the marker")
        #expect(frame[other, 0].text == " " && !frame[other, 0].style.reverse)
        let columns = ListColumns(width: 120)
        let id = try #require(columns.layout.first { $0.column == .id })
        for x in id.x..<(id.x + id.width) {
            #expect(frame[selected, x].style.reverse, "request id cell \(x) is highlighted")
            #expect(!frame[other, x].style.reverse, "other rows are not")
        }
        let reversed = (1..<120).filter { frame[selected, $0].style.reverse }
        #expect(reversed == Array(id.x..<(id.x + id.width)), "nothing else of the row is reversed")
        #expect(frame[selected, 1].style == .plain, "blank marker cells stay plain")
    }

    @Test func aCursorMoveChangesOnlyTheTwoMarkersAndIds() throws {
        var state = Fixture.state(rows: 40, columns: 120)
        press(&state, .character("v")) // the preview pane follows the cursor by design; this is about the list
        let before = render(state)
        press(&state, .character("j"))
        let after = render(state)
        let runs = CursesDiff.changes(from: before, to: after)
        #expect(Set(runs.map(\.row)).count == 2, "only the old and the new selected rows: \(runs.map(\.row))")
        let cells = runs.reduce(0) { $0 + $1.cells.count }
        let idWidth = try #require(ListColumns(width: 120).layout.first { $0.column == .id }).width
        #expect(cells == 2 * (1 + idWidth), "the marker and the id of each row: \(cells)")
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
