import CancelDeskCore
import Foundation
import Testing

@testable import CancelDeskTUI

/// Whole screens, compared with the text files in Snapshots/ (UPDATE_SNAPSHOTS=1 rewrites them).
@Suite struct RenderSnapshotTests {
    static let sizes = [(24, 80), (40, 120)]

    /// The list with the second row marked, the third selected, and one request approved this session.
    static func listState(rows: Int, columns: Int) -> ConsoleState {
        var state = Fixture.state(rows: rows, columns: columns)
        press(&state, .character("j"), .space)
        let first = state.visibleIDs[0]
        state.work.begin([first], .approve)
        state.work.finish(RequestResult(requestID: first, kind: .approved, detail: ""))
        state.now = Fixture.now.addingTimeInterval(12)
        return state
    }

    static func history(_ id: String) -> [JournalEntry] {
        [
            JournalEntry(
                requestID: id, state: .vendorSending, at: Fixture.now.addingTimeInterval(-600), mode: .tui,
                osUser: "ops",
                host: "box", connectUser: "UR-1", subscriptionID: "SUB-00084", idempotencyKey: "cd1-abc"),
            JournalEntry(
                requestID: id, state: .needsReview, at: Fixture.now.addingTimeInterval(-590), mode: .tui, osUser: "ops",
                host: "box", connectUser: "UR-1", subscriptionID: "SUB-00084", vendorStatus: .refused,
                vendorMessage: "legal hold until 2027", reason: "the vendor refused the cancel"),
        ]
    }

    @Test(arguments: sizes) func list(rows: Int, columns: Int) {
        let state = Self.listState(rows: rows, columns: columns)
        let frame = render(state)
        assertSnapshot(frame, named: "list-\(columns)x\(rows)")
        #expect(state.cursor == 2)
        #expect(
            frame.cursor?.row == ScreenLayout.listTop + 2 && frame.cursor?.column == 0, "cursor on the selected row")
    }

    @Test func filterPrompt() {
        var state = Fixture.state()
        press(&state, .character("/"))
        press(&state, TestKeys.typing("japan"))
        let frame = render(state)
        assertSnapshot(frame, named: "filter-80x24")
        #expect(frame.cursor?.row == 22 && frame.cursor?.column == 6, "cursor after the typed filter")
    }

    @Test(arguments: sizes) func detail(rows: Int, columns: Int) {
        var state = Fixture.state(rows: rows, columns: columns)
        press(&state, .enter)
        _ = ConsoleReducer.reduce(&state, .historyLoaded(requestID: Fixture.id(12), Self.history(Fixture.id(12))))
        assertSnapshot(render(state), named: "detail-\(columns)x\(rows)")
        press(&state, .end)
        assertSnapshot(render(state), named: "detail-end-\(columns)x\(rows)")
    }

    @Test func detailWhileTheRequestIsRead() {
        var state = Fixture.state()
        let enter = Key.enter
        _ = ConsoleReducer.reduce(&state, .key(TestKeys.keymap.action(for: enter, in: .list), enter))
        assertSnapshot(render(state), named: "detail-reading-80x24")
        #expect(screen(state).contains { $0.contains("reading the request from Connect…") })
    }

    @Test(arguments: sizes) func approveDialog(rows: Int, columns: Int) {
        var state = Fixture.state(rows: rows, columns: columns)
        press(&state, .character("a"))
        let frame = render(state)
        assertSnapshot(frame, named: "approve-\(columns)x\(rows)")
        let lines = RecordingTerminal.lines(frame)
        let buttons = try! #require(lines.firstIndex { $0.contains("[> Cancel <]") })
        #expect(frame.cursor?.row == buttons, "the cursor rests on the focused button")
    }

    @Test func approveDialogFillsTheVendorTemplateAndFlagsAMissingTemplate() {
        var state = Fixture.state()
        state.context.vendorDescription = "DELETE https://vendor.example/v2/subs/{subscription_id}?ref={request_id}"
        state.context.templates = [:]
        press(&state, .character("a"))
        let text = screen(state).joined(separator: "\n")
        #expect(text.contains("Vendor call: DELETE"))
        #expect(text.contains("https://vendor.example/v2/subs/SUB-00084?ref=\(Fixture.id(12))"))
        #expect(text.contains("1 without a template"))
    }

    @Test func bulkApproveDialog() {
        var state = Fixture.state()
        press(&state, .space, .space, .space, .space)
        press(&state, .character("/"))
        press(&state, TestKeys.typing("japan"))
        press(&state, .enter, .character("a"))
        assertSnapshot(render(state), named: "approve-scope-80x24")
        press(&state, .character("m"))
        assertSnapshot(render(state), named: "approve-bulk-80x24")
        var many = Fixture.state(Fixture.requests(40))
        press(&many, .character("*"), .character("a"))
        let lines = screen(many)
        #expect(lines.contains { $0.contains("Approve 40 requests?") })
        #expect(lines.contains { $0.contains("lines 1–") && $0.contains(" scroll") }, "a long list scrolls")
        #expect(lines.contains { $0.contains("Vendor call") }, "the vendor call stays visible")
    }

    @Test(arguments: sizes) func rejectDialog(rows: Int, columns: Int) {
        var state = Fixture.state(rows: rows, columns: columns)
        let id = state.selectedID!
        press(&state, .character("x"), .alt("2"), .enter)
        _ = ConsoleReducer.reduce(
            &state,
            finished(id, .failed, "connect unavailable (HTTP 503)"))
        let frame = render(state)
        assertSnapshot(frame, named: "reject-\(columns)x\(rows)")
        let lines = RecordingTerminal.lines(frame)
        let reasonRow = try! #require(lines.firstIndex { $0.contains("Reason") })
        #expect(frame.cursor?.row == reasonRow, "the cursor rests at the end of the reason")
    }

    @Test(arguments: sizes) func help(rows: Int, columns: Int) {
        var state = Fixture.state(rows: rows, columns: columns)
        press(&state, .character("?"))
        assertSnapshot(render(state), named: "help-\(columns)x\(rows)")
    }

    @Test func messagesAndHistory() {
        var state = Fixture.state()
        press(&state, .character("a"), .character("y"))
        _ = ConsoleReducer.reduce(
            &state,
            finished(Fixture.id(12), .failed, "vendor 422: legal hold"))
        press(&state, .enter, .character("M"))
        assertSnapshot(render(state), named: "messages-80x24")
        #expect(press(&state, .character("H")) == [.loadHistory(requestID: nil)])
        _ = ConsoleReducer.reduce(&state, .historyLoaded(requestID: nil, Self.history(Fixture.id(12))))
        assertSnapshot(render(state), named: "history-80x24")
    }

    @Test func everyScreenIsTooSmallAt40x10() {
        var state = Fixture.state(rows: 10, columns: 40)
        let list = render(state)
        assertSnapshot(list, named: "too-small-40x10")
        #expect(RecordingTerminal.lines(list).contains { $0.contains("Terminal too small") })
        press(&state, .enter)
        #expect(render(state) == list, "detail")
        press(&state, .character("a"))
        #expect(render(state) == list, "approve dialog")
        press(&state, .escape, .escape, .character("x"))
        #expect(render(state) == list, "reject dialog")
        press(&state, .escape, .character("?"))
        #expect(render(state) == list, "help")
        _ = ConsoleReducer.reduce(&state, .resized(TerminalSize(rows: 24, columns: 80)))
        #expect(!screen(state).contains { $0.contains("Terminal too small") }, "growing the terminal brings it back")
    }

    @Test func noColorDropsColoursButKeepsEveryMarker() {
        var state = Self.listState(rows: 24, columns: 80)
        state.context.noColor = true
        let frame = render(state)
        #expect(frame.cells.allSatisfy { $0.style.color == nil })
        #expect(
            RecordingTerminal.lines(frame) == RecordingTerminal.lines(render(Self.listState(rows: 24, columns: 80))))
    }
}
