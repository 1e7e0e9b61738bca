import CancelDeskCore
import Foundation
import Testing

@testable import CancelDeskTUI

/// Text from Connect or the vendor can carry escape sequences, control characters and bidi overrides; none
/// may reach a cell, and a request holding any is flagged.
@Suite struct HostileTextTests {
    static let hostileID = Fixture.id(5)

    /// True for scalars that must never be drawn raw: C0, DEL, C1, bidi controls and format characters.
    static func forbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF: true
        default: scalar.properties.generalCategory == .format
        }
    }

    static func assertInert(_ frame: Frame, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for row in 0..<frame.rows {
            for column in 0..<frame.columns {
                let text = frame[row, column].text
                if text.unicodeScalars.contains(where: forbidden) {
                    Issue.record(
                        "\(what): cell \(row),\(column) holds \(text.debugDescription)", sourceLocation: sourceLocation)
                    return
                }
            }
        }
    }

    @Test func theHostileRowIsInertAndFlaggedInTheList() {
        var state = Fixture.state(columns: 120)
        let frame = render(state)
        Self.assertInert(frame, "list")
        let lines = RecordingTerminal.lines(frame)
        let row = try! #require(lines.firstIndex { $0.contains(Self.hostileID) })
        #expect(frame[row, 2].text == "!", "the row is flagged")
        #expect(lines[row].contains("ACME\\u{1B}]0;pwn\\u{7}"), "replaced visibly, not dropped")
        #expect(state.table.row(Self.hostileID)?.flagged == true)
        #expect(state.table.row(Fixture.id(1))?.flagged == false)
        #expect(lines[1].contains("1 flagged !"))
        // Filtering and sorting do not bring raw text back.
        press(&state, .character("s"), .character("s"))
        Self.assertInert(render(state), "sorted by customer")
    }

    @Test func theHostileRequestIsInertInDetailDialogsMessagesAndHistory() {
        var state = Fixture.state(columns: 120)
        while state.selectedID != Self.hostileID { press(&state, .character("j")) }
        press(&state, .enter)
        let entry = JournalEntry(
            requestID: Self.hostileID, state: .vendorRefused, at: Fixture.now, mode: .tui,
            vendorStatus: .refused, vendorMessage: "no\u{1B}]52;c;ZXZpbA==\u{07} way\u{2066}")
        _ = ConsoleReducer.reduce(&state, .historyLoaded(requestID: Self.hostileID, [entry]))
        var frame = render(state)
        Self.assertInert(frame, "detail")
        var lines = RecordingTerminal.lines(frame)
        #expect(lines[1].contains("! control or bidi characters were replaced"))
        #expect(lines.contains { $0.contains("ACME\\u{1B}]0;pwn\\u{7}\\u{D}\\u{9B}2J\\u{202E}") }, "in full")
        let nameRow = try! #require(lines.firstIndex { $0.contains("ACME\\u{1B}") })
        #expect(frame[nameRow, 0].text == "!", "the altered value is flagged in the gutter")
        for _ in 0..<40 { press(&state, .character("j")) }
        frame = render(state)
        Self.assertInert(frame, "detail, scrolled")
        lines = RecordingTerminal.lines(frame)
        #expect(lines.contains { $0.contains("evil\\u{1B}[2J@example.com") }, "parameter values too")
        #expect(lines.contains { $0.contains("no\\u{1B}]52;c;ZXZpbA==\\u{7} way\\u{2066}") }, "and the journal")
        press(&state, .character("a"))
        Self.assertInert(render(state), "approve dialog")
        #expect(screen(state).contains { $0.contains("! \(Self.hostileID)") })
        press(&state, .escape, .character("x"))
        press(&state, [.character("x"), .character("\u{1B}"), .character("\u{202E}"), .character("y")])
        #expect(state.dialog?.reason == "xy", "typed control and bidi characters are not inserted")
        Self.assertInert(render(state), "reject dialog")
        press(&state, .enter)
        _ = ConsoleReducer.reduce(
            &state,
            finished(Self.hostileID, .failed, "vendor said \u{1B}[31mNO\u{9B}\u{202E}"))
        Self.assertInert(render(state), "reject dialog with an error")
        press(&state, .escape, .escape, .character("M"))
        frame = render(state)
        Self.assertInert(frame, "messages")
        #expect(RecordingTerminal.lines(frame).contains { $0.contains("vendor said \\u{1B}[31mNO\\u{9B}\\u{202E}") })
        press(&state, .escape, .character("H"))
        _ = ConsoleReducer.reduce(&state, .historyLoaded(requestID: nil, [entry]))
        Self.assertInert(render(state), "history")
    }

    @Test func hostileAccountAndEndpointAreInertInTheTitleBar() {
        var state = Fixture.state()
        state.context.accountLabel = "Evil\u{1B}]0;title\u{07}Corp"
        state.context.endpoint = "http://x\u{202E}moc.elgoog"
        let frame = render(state)
        Self.assertInert(frame, "title")
        #expect(RecordingTerminal.lines(frame)[0].contains("Evil\\u{1B}]0;title\\u{7}Corp"))
    }

    @Test func theCanvasRefusesDangerousTextEvenWhenACallerForgotToSanitize() {
        var canvas = Canvas(TerminalSize(rows: 1, columns: 20), noColor: false)
        canvas.text("a\u{1B}[2Jb\r\u{9B}\u{202E}c", row: 0, column: 0)
        Self.assertInert(canvas.frame, "canvas")
        #expect(RecordingTerminal.lines(canvas.frame)[0].hasPrefix("a\u{FFFD}[2Jb\u{FFFD}\u{FFFD}\u{FFFD}c"))
    }
}
