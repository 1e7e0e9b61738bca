import CancelDeskCore
import Foundation
import Testing

@testable import CancelDeskTUI

/// Issue 10: a running batch can be stopped from its progress dialog, and quitting stops it the same way.
@Suite struct ReducerBatchStopTests {
    /// Three marked requests approved as one batch; returns the state with the progress dialog open.
    static func running() -> ConsoleState {
        var state = Fixture.state()
        press(&state, .space, .space, .space)
        // Space moved the cursor past the marks: the scope question comes first; `m` picks the marked ones.
        press(&state, .character("a"), .character("m"), .character("y"))
        return state
    }

    @Test func escapeInTheProgressDialogStopsItsBatchAndTheResultListsWhatWasNotStarted() throws {
        var state = Self.running()
        #expect(state.keyContext == .progress)
        let batch = try #require(state.dialog?.batch)
        _ = ConsoleReducer.reduce(&state, .engine(.started(requestID: Fixture.id(12), decision: .approve)))
        #expect(press(&state, .escape) == [.stopBatch(batch)], "Esc stops this dialog's batch")
        #expect(state.dialog?.stopping == true)
        #expect(press(&state, .control("c")).isEmpty, "a second stop asks nothing more")
        #expect(screen(state).contains { $0.contains("Stopping: nothing new starts") })
        #expect(state.log.entries.contains { $0.text.contains("1 request(s) in progress finish") })

        _ = ConsoleReducer.reduce(
            &state, .engine(.finished(RequestResult(requestID: Fixture.id(12), kind: .approved, detail: ""))))
        let commands = ConsoleReducer.reduce(
            &state,
            .engine(.notStarted(requestIDs: [Fixture.id(10), Fixture.id(11)], reason: "stop requested")))
        #expect(commands.isEmpty, "no refresh while the result dialog is open")
        let dialog = try #require(state.dialog)
        #expect(dialog.phase == .finished)
        #expect(dialog.notStarted == [Fixture.id(10), Fixture.id(11)])
        #expect(state.work.inFlight.isEmpty)
        #expect(state.work.rows[Fixture.id(10)] == nil, "a request not started is not shown as worked on")
        #expect(state.marks == [Fixture.id(10), Fixture.id(11)], "what was not done stays marked")
        let lines = screen(state)
        #expect(lines.contains { $0.contains("Stopped: 3 requests") })
        #expect(lines.contains { $0.contains("1 of 3 done, 2 not started") })
        #expect(lines.contains { $0.contains("- \(Fixture.id(10))  not started") })
        #expect(state.log.entries.contains { $0.text.hasPrefix("1 approved, 2 not started") })
        press(&state, .enter)
        #expect(state.dialog == nil)
    }

    @Test func theProgressDialogCanBeHiddenWhileTheWorkGoesOn() {
        var state = Self.running()
        #expect(press(&state, .enter).isEmpty)
        #expect(state.dialog == nil)
        #expect(state.work.inFlight.count == 3)
    }

    @Test func helpInTheProgressDialogListsTheStopKey() {
        var state = Self.running()
        press(&state, .character("?"))
        let lines = screen(state)
        #expect(lines.contains { $0.contains("Keys here (progress)") })
        #expect(lines.contains { $0.contains("batch stop") })
    }

    @Test func aBatchTheBreakerEndedShowsTheResultToo() throws {
        var state = Self.running()
        _ = ConsoleReducer.reduce(
            &state, .engine(.finished(RequestResult(requestID: Fixture.id(12), kind: .failed, detail: "vendor down"))))
        _ = ConsoleReducer.reduce(
            &state,
            .engine(.notStarted(requestIDs: [Fixture.id(10), Fixture.id(11)], reason: "the vendor API looks down")))
        #expect(state.dialog?.phase == .finished)
        #expect(state.log.entries.contains { $0.text == "2 request(s) not started: the vendor API looks down" })
    }

    @Test func quittingDuringABatchStopsItAndLeavesOnceTheRequestsInFlightFinish() {
        var state = Self.running()
        _ = ConsoleReducer.reduce(&state, .engine(.started(requestID: Fixture.id(12), decision: .approve)))
        #expect(press(&state, .character("q")) == [.stopBatch(nil)])
        #expect(state.log.entries.contains { $0.text.contains("waiting for 1 request(s) in progress") })
        _ = ConsoleReducer.reduce(
            &state, .engine(.finished(RequestResult(requestID: Fixture.id(12), kind: .approved, detail: ""))))
        let commands = ConsoleReducer.reduce(
            &state, .engine(.notStarted(requestIDs: [Fixture.id(10), Fixture.id(11)], reason: "stop requested")))
        #expect(commands == [.quit], "the rest is not waited for")
    }
}
