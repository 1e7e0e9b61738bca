import CancelDeskCore
import Foundation
import Testing

@testable import CancelDeskTUI

/// Issue 11's triage loop: the preview pane, marking and deciding from the detail view, explicit scope and
/// undoable marks.
@Suite struct TriageLoopTests {
    /// Answers the reads a pause in the keys asks for, as a quick backend would.
    @discardableResult
    func rest(_ state: inout ConsoleState) -> [ConsoleCommand] {
        let commands = ConsoleReducer.reduce(&state, .idle)
        for case .loadRequest(let id) in commands {
            if let request = Fixture.request(id: id) { _ = ConsoleReducer.reduce(&state, .requestLoaded(request)) }
        }
        return commands
    }

    func finish(_ state: inout ConsoleState, _ number: Int, _ kind: RequestResult.Kind, _ detail: String = "") {
        let result = RequestResult(requestID: Fixture.id(number), kind: kind, detail: detail)
        _ = ConsoleReducer.reduce(&state, .engine(.finished(result)))
    }

    @Test func thePreviewPaneIsOnFrom120x35AndVTogglesIt() {
        #expect(!Fixture.state(rows: 24, columns: 80).showsPreview)
        #expect(!Fixture.state(rows: 34, columns: 120).showsPreview)
        var state = Fixture.state(rows: 35, columns: 120)
        #expect(state.showsPreview)
        #expect(state.listHeight < ScreenLayout.listHeight(state.size), "the list shares the screen")
        press(&state, .character("v"))
        #expect(!state.showsPreview)
        #expect(state.listHeight == ScreenLayout.listHeight(state.size))
        #expect(!screen(state).contains { $0.contains("preview:") })
        press(&state, .character("v"))
        #expect(state.showsPreview)
        var small = Fixture.state()
        press(&small, .character("v"))
        #expect(small.showsPreview, "v turns it on at 80x24 too")
    }

    @Test func thePreviewReadsTheCursorRequestOnceTheKeysPauseAndNeverWhileMoving() {
        var state = Fixture.state(rows: 35, columns: 120)
        let first = Fixture.id(12)
        #expect(screen(state).contains { $0.contains("preview: \(first) · as listed (reading…)") })
        #expect(rest(&state) == [.loadRequest(requestID: first)])
        #expect(rest(&state).isEmpty, "read once")
        let lines = screen(state)
        #expect(lines.contains { $0.contains("preview: \(first)") && !$0.contains("reading") })
        #expect(lines.contains { $0.contains("Asset") && $0.contains("AS-2012-0001-0002") }, "the request as read")
        #expect(press(&state, .character("j"), .character("j")).isEmpty, "moving asks for nothing")
        #expect(rest(&state) == [.loadRequest(requestID: Fixture.id(10))])
        #expect(screen(state).contains { $0.contains("AS-2010-0001-0002") })
        // Space marks and moves down; the preview follows the cursor.
        press(&state, .space)
        #expect(state.marks == [Fixture.id(10)])
        #expect(state.selectedID == Fixture.id(9))
        #expect(rest(&state) == [.loadRequest(requestID: Fixture.id(9))])
        // A listing makes the preview read its request again at the next pause.
        _ = ConsoleReducer.reduce(&state, .snapshotLoaded(Fixture.loaded(Fixture.requests(12))))
        #expect(rest(&state) == [.loadRequest(requestID: Fixture.id(9))])
    }

    @Test func aLongNoteTakesTwoRowsOfThePreviewSoTheSubscriptionStaysInView() {
        var state = Fixture.state(rows: 35, columns: 120)
        _ = ConsoleReducer.reduce(&state, .idle)
        var request = Fixture.request(12)
        request.note = String(repeating: "x", count: 5_000)
        _ = ConsoleReducer.reduce(&state, .requestLoaded(request))
        let lines = screen(state)
        #expect(lines.filter { $0.contains("xxxx") }.count == 2)
        #expect(lines.contains { $0.contains("Vendor sub id") && $0.contains("SUB-00084") })
    }

    @Test func detailSpaceMarksAndADecisionThereOpensTheNextUndecidedRequest() {
        var state = Fixture.state()
        press(&state, .enter)
        #expect(state.detail?.requestID == Fixture.id(12))
        press(&state, .space)
        #expect(state.marks == [Fixture.id(12)])
        #expect(state.detail?.requestID == Fixture.id(12), "marking in the detail stays on the request")
        press(&state, .space)
        #expect(state.marks.isEmpty)
        // Request 11 was decided earlier this session: "next" skips it.
        press(&state, .escape, .character("j"), .character("a"))
        press(&state, .character("y"))
        finish(&state, 11, .approved, "")
        press(&state, .character("k"), .enter, .character("a"))
        #expect(state.dialog?.fromDetail == true)
        press(&state, .character("y"))
        let commands = ConsoleReducer.reduce(
            &state, .engine(.finished(RequestResult(requestID: Fixture.id(12), kind: .approved, detail: ""))))
        #expect(state.dialog == nil)
        #expect(state.detail?.requestID == Fixture.id(10), "the next undecided request opened")
        #expect(state.selectedID == Fixture.id(10))
        #expect(commands.contains(.loadRequest(requestID: Fixture.id(10))))
    }

    @Test func aFailedDecisionInTheDetailStaysOnTheRequest() {
        var state = Fixture.state()
        press(&state, .enter, .character("a"), .character("y"))
        _ = ConsoleReducer.reduce(
            &state, .engine(.finished(RequestResult(requestID: Fixture.id(12), kind: .failed, detail: "vendor 500"))))
        press(&state, .enter)
        #expect(state.detail?.requestID == Fixture.id(12))
    }

    @Test func anUnmarkedCursorRowWithOldMarksAsksWhichAndDefaultsToThisOne() {
        var state = Fixture.state()
        press(&state, .space, .space) // 12 and 11 marked; the cursor is on 10
        press(&state, .character("x"))
        let asking = try! #require(state.dialog)
        #expect(asking.phase == .scope)
        #expect(state.keyContext == .dialog, "choosing is not typing: keys are not text yet")
        let lines = screen(state)
        #expect(lines.contains { $0.contains("2 request(s) are marked, but the cursor row is not") })
        #expect(lines.contains { $0.contains("> o  this one: \(Fixture.id(10))") })
        #expect(lines.contains { $0.contains("m  the 2 marked") })
        press(&state, .enter)
        #expect(state.dialog?.phase == .asking)
        #expect(state.dialog?.targetIDs == [Fixture.id(10)], "the safe default: the row the operator is on")
        #expect(screen(state).contains { $0.contains("the 2 marked request(s) are not included") })
        press(&state, .escape)
        press(&state, .character("a"), .character("m"))
        #expect(state.dialog?.targetIDs == [Fixture.id(12), Fixture.id(11)])
        #expect(state.dialog?.phase == .asking)
        press(&state, .escape)
        press(&state, .character("a"), .tab, .enter)
        #expect(state.dialog?.targetIDs == [Fixture.id(12), Fixture.id(11)], "Tab moves the choice")
        press(&state, .escape, .character("k"), .character("a"))
        #expect(state.dialog?.phase == .asking, "on a marked row the marks are meant")
        #expect(state.dialog?.targetIDs == [Fixture.id(12), Fixture.id(11)])
    }

    @Test func marksOfFailedRequestsStayWithAVisibleCount() {
        var state = Fixture.state()
        press(&state, .space, .space, .character("k"), .character("a"), .character("y"))
        finish(&state, 12, .approved, "")
        finish(&state, 11, .failed, "x")
        #expect(state.marks == [Fixture.id(11)])
        press(&state, .enter)
        #expect(screen(state)[1].contains("1 marked (1 failed)"))
    }

    @Test func uUndoesTheLastMarkChangeAndClearingAllNamesTheCountAndCanBeUndone() {
        var state = Fixture.state()
        press(&state, .space, .space, .space)
        #expect(state.marks.count == 3)
        press(&state, .character("u"))
        #expect(state.marks == [Fixture.id(12), Fixture.id(11)])
        press(&state, .character("U"))
        #expect(state.marks.isEmpty)
        #expect(state.log.last?.text == "cleared 2 mark(s); u undoes")
        #expect(screen(state)[22].contains("cleared 2 mark(s)"))
        press(&state, .character("u"))
        #expect(state.marks == [Fixture.id(12), Fixture.id(11)])
        #expect(state.markedVisible == 2)
        press(&state, .character("*"), .character("u"))
        #expect(state.marks == [Fixture.id(12), Fixture.id(11)], "mark-all undone")
        press(&state, .character("u"), .character("u"), .character("u"))
        #expect(state.marks.isEmpty)
        #expect(state.log.last?.text == "no mark change to undo")
    }

    @Test func cCopiesTheRequestIdAndShiftCTheSubscriptionId() {
        var state = Fixture.state()
        #expect(press(&state, .character("c")) == [.copy(Fixture.id(12))])
        #expect(state.log.last?.text.contains("copied request id \(Fixture.id(12))") == true)
        #expect(press(&state, .character("C")) == [.copy("SUB-00084")])
        press(&state, .enter, .character("J"))
        #expect(press(&state, .character("c")) == [.copy(Fixture.id(11))], "from the detail view too")
        press(&state, .escape, .character("/"))
        press(&state, TestKeys.typing("PR-1007"))
        press(&state, .enter)
        #expect(press(&state, .character("C")).isEmpty, "request 7 has no subscription id")
        #expect(state.log.last?.level == .warning)
    }

    @Test func osc52IsBase64AndPassesThroughTmux() {
        let plain = String(decoding: OSC52.sequences("PR-1", inTmux: false), as: UTF8.self)
        #expect(plain == "\u{1B}]52;c;UFItMQ==\u{07}")
        let tmux = String(decoding: OSC52.sequences("PR-1", inTmux: true), as: UTF8.self)
        #expect(tmux == plain + "\u{1B}Ptmux;\u{1B}\u{1B}]52;c;UFItMQ==\u{07}\u{1B}\\")
        let hostile = String(decoding: OSC52.sequences("a\u{1B}]0;x\u{07}", inTmux: false), as: UTF8.self)
        #expect(hostile.filter { $0 == "\u{1B}" }.count == 1, "the text never reaches the terminal raw")
    }
}

@Suite struct DetailContextTests {
    @Test func theDetailShowsNoteReasonEffectiveDatePreviousRequestAndSLI() {
        var request = Fixture.request(1)
        request.reason = "asked twice"
        request.effectiveDate = Fixture.now.addingTimeInterval(86_400)
        request.previousApprovedRequest = "PR-0999-5555-1234-001"
        request.sli = ServiceLevelIndicator(days: 3, zone: 1)
        let document = DetailDocument(request, history: .loaded([]), context: Fixture.context(), now: Fixture.now)
        let lines = document.lines.map { "\($0.label)|\($0.text)" }
        #expect(lines.contains("Note|Customer called support twice."))
        #expect(lines.contains("Reason|asked twice"))
        #expect(lines.contains("Effective|2023-11-15 22:13 UTC"))
        #expect(lines.contains("Previous|PR-0999-5555-1234-001 (approved before)"))
        #expect(lines.contains("SLI|3 day(s), zone 1"))
    }
}
