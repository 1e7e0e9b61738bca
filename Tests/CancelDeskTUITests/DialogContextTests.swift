import CancelDeskCore
import Foundation
import Testing

@testable import CancelDeskTUI

/// Issue 11: dialogs name the environment and the assignee, list subscription problems before confirming,
/// scroll through every request, and show results with problems first and in full; prompts edit at a cursor.
@Suite struct DialogContextTests {
    @Test func aSingleRequestDialogNamesTheEnvironmentAndWarnsAboutSomeoneElsesRequest() {
        var state = Fixture.state()
        press(&state, .character("a")) // request 12: production, assigned to dana@vendor.example
        let lines = screen(state)
        #expect(lines.contains { $0.contains("Environment") && $0.contains("production") })
        #expect(lines.contains { $0.contains("dana@vendor.example: assigned to someone else") })
        var mine = ConsoleState(
            context: ConsoleContext(accountLabel: "A", endpoint: "E", operatorAssignee: "Dana@Vendor.example"),
            size: TerminalSize(rows: 24, columns: 80), now: Fixture.now, hints: TestKeys.hints(readOnly: false))
        _ = ConsoleReducer.reduce(&mine, .snapshotLoaded(Fixture.loaded(Fixture.requests(12))))
        press(&mine, .character("a"))
        #expect(screen(mine).contains { $0.contains("dana@vendor.example (you)") })
        press(&state, .escape, .character("j"), .character("x")) // request 11: test, nobody
        let reject = screen(state)
        #expect(reject.contains { $0.contains("Environment") && $0.contains("preview") })
        #expect(reject.contains { $0.contains("Assignee") && $0.contains("nobody") })
    }

    @Test func aMissingSubscriptionIdAndSomeoneElsesRequestsAreListedFirst() {
        var state = Fixture.state()
        press(&state, .character("*"), .character("a"))
        let lines = screen(state)
        #expect(lines.contains { $0.contains("4 production, 4 preview, 4 test") || $0.contains("production") })
        #expect(lines.contains { $0.contains("with problems, listed first") })
        let body = lines.filter { $0.contains("│") }
        let firstProblem = try! #require(body.firstIndex { $0.contains("! PR-") })
        #expect(body[firstProblem].contains("assigned to dana@vendor.example"))
        #expect(body.contains { $0.contains(Fixture.id(7)) && $0.contains("vendor subscription id missing") })
    }

    @Test func everyRequestOfALargeBatchCanBeScrolledTo() {
        var state = Fixture.state(Fixture.requests(50))
        press(&state, .character("*"), .character("a"))
        let first = screen(state)
        let indicator = try! #require(first.first { $0.contains("lines 1–") })
        #expect(indicator.contains("of "))
        #expect(!first.contains { $0.contains("more") && $0.contains("…and") }, "no dead end")
        var seen = Set<String>()
        for _ in 0..<40 {
            for line in screen(state) {
                for id in (1...50).map(Fixture.id) where line.contains(id) { seen.insert(id) }
            }
            press(&state, .pageDown)
        }
        #expect(seen.count == 50, "every request was on screen at some point")
        #expect(state.dialog?.scroll ?? 0 > 0)
        press(&state, .character("k"))
        #expect(state.dialog?.phase == .asking, "scrolling never confirms or cancels")
    }

    @Test func resultsShowProblemsFirstWithTheFullReasonWrapped() {
        var state = Fixture.state(Fixture.requests(20))
        press(&state, .character("*"), .character("a"), .character("y"))
        let reason =
            "the vendor refused: subscription SUB-00007 is under a legal hold until the end of the term; "
            + "ask the account manager before trying again"
        for number in 1...20 where number != 3 {
            _ = ConsoleReducer.reduce(
                &state, .engine(.finished(RequestResult(requestID: Fixture.id(number), kind: .approved, detail: ""))))
        }
        _ = ConsoleReducer.reduce(
            &state, .engine(.finished(RequestResult(requestID: Fixture.id(3), kind: .failed, detail: reason))))
        #expect(state.dialog?.phase == .finished)
        let body = screen(state).filter { $0.contains("│") }
        let failed = try! #require(body.firstIndex { $0.contains("F \(Fixture.id(3))") })
        let approved = try! #require(body.firstIndex { $0.contains("A PR-") })
        #expect(failed < approved, "problems first")
        let text = body[failed...].prefix(4).joined(separator: " ")
        #expect(text.contains("legal"))
        #expect(text.contains("again"), "the reason is not cut")
    }

    @Test func theReasonEditsAtTheCursorAndTypingClearsAStaleError() {
        var state = Fixture.state()
        press(&state, .character("x"), .enter)
        #expect(state.dialog?.error != nil, "an empty reason is refused")
        press(&state, TestKeys.typing("14 days notice"))
        #expect(state.dialog?.error == nil, "typing clears the stale error")
        #expect(state.dialog?.reason == "14 days notice", "digits are text")
        press(&state, .left, .left, .left, .left, .left, .left)
        press(&state, TestKeys.typing("of "))
        #expect(state.dialog?.reason == "14 days of notice")
        press(&state, .home, .character(">"), .end, .character("."))
        #expect(state.dialog?.reason == ">14 days of notice.")
        press(&state, .control("a"), .right, .right, .right, .control("w"))
        #expect(state.dialog?.reason == " days of notice.", "C-w deletes the word before the cursor")
        press(&state, .control("e"), .backspace, .control("u"))
        #expect(state.dialog?.reason == "")
        press(&state, TestKeys.typing("abc") + [.left])
        let lines = screen(state)
        let frame = render(state)
        let row = try! #require(lines.firstIndex { $0.contains("Reason") && $0.contains("abc") })
        let column =
            lines[row].distance(
                from: lines[row].startIndex, to: lines[row].range(of: "abc")!.lowerBound) + 2
        #expect(frame.cursor?.row == row)
        #expect(frame.cursor?.column == column, "the terminal cursor sits before the c")
    }

    @Test func aPasteGoesInAtTheCursor() {
        var state = Fixture.state()
        press(&state, .character("x"))
        press(&state, TestKeys.typing("Kind regards") + [.home])
        _ = ConsoleReducer.reduce(&state, .key(nil, .paste("Not possible.\n")))
        #expect(state.dialog?.reason == "Not possible. Kind regards")
        #expect(state.dialog?.reasonCursor == "Not possible. ".count)
    }

    @Test func theFilterEditsAtTheCursor() {
        var state = Fixture.state()
        press(&state, .character("/"))
        press(&state, TestKeys.typing("jpan") + [.left, .left, .left, .character("a")])
        #expect(state.filter == "japan")
        #expect(state.visible.count == 6)
        let frame = render(state)
        #expect(frame.cursor?.row == 22 && frame.cursor?.column == 3, "after /ja")
        press(&state, .end, .backspace)
        #expect(state.filter == "japa")
    }
}
