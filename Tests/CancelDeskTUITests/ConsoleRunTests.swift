import CancelDeskCore
import Foundation
import Logging
import Testing

@testable import CancelDeskTUI

/// The run loop end to end, on the recording terminal with a fake engine. Scripts wait for screen text, never
/// for time.
@Suite struct ConsoleRunTests {
    static func console(_ backend: FakeBackend, readOnly: Bool = false) -> Console {
        Console(
            backend: backend, keymap: TestKeys.keymap, context: Fixture.context(readOnly: readOnly),
            hints: TestKeys.hints(readOnly: readOnly), logger: Logger(label: "test"), inbox: backend.inbox,
            clock: { Fixture.now }, keyTimeout: .milliseconds(5), confirmDelay: .zero)
    }

    @Test func approveFromTheKeyboardReachesTheEngineAndTheTerminalIsRestored() async {
        let backend = FakeBackend(Fixture.requests(3))
        let terminal = RecordingTerminal(
            rows: 24, columns: 80,
            script: [
                .waitFor(Fixture.id(3)), .key(.character("a")), .waitFor("Approve 1 request?"),
                .key(.character("y")), .waitFor("2 requests"), .key(.character("q")),
            ], fallbackKey: .control("c"))
        let code = await Self.console(backend).run(terminal: terminal)
        #expect(code == 0)
        #expect(terminal.stalled.isEmpty)
        #expect(backend.processed.map(\.0) == [Fixture.id(3)])
        #expect(backend.processed.first?.1 == .approve)
        #expect(backend.snapshotCount == 2, "listed at start and again after the approve")
        #expect(terminal.shutdownCount == 1)
    }

    @Test func keysAreHandledWhileTheEngineIsBusy() async throws {
        let backend = FakeBackend(Fixture.requests(3))
        backend.hold()
        let terminal = RecordingTerminal(
            rows: 24, columns: 80,
            script: [
                .waitFor(Fixture.id(3)), .key(.character("a")), .waitFor("Approve 1 request?"),
                .key(.character("y")), .waitFor("approving…"),
                .key(.enter), .key(.character("?")), .waitFor("Keys here (list)"), .waitFor("1 approved"),
                .key(.character("q")), .waitFor("2 requests"), .key(.character("q")),
            ], fallbackKey: .control("c"))
        async let code = Self.console(backend).run(terminal: terminal)
        var polls = 0
        while !terminal.text().contains(where: { $0.contains("Keys here (list)") }), polls < 4_000 {
            try await Task.sleep(for: .milliseconds(2))
            polls += 1
        }
        #expect(terminal.text().contains { $0.contains("approving… 0/1 done") }, "the status line shows the work")
        #expect(backend.processed.isEmpty, "the engine call is still held")
        backend.release()
        #expect(await code == 0)
        #expect(terminal.stalled.isEmpty)
        #expect(backend.processed.count == 1)
    }

    /// Polls (bounded) until `condition` holds.
    static func until(_ condition: () -> Bool) async throws {
        var polls = 0
        while !condition(), polls < 4_000 {
            try await Task.sleep(for: .milliseconds(2))
            polls += 1
        }
    }

    @Test func escapeDuringABatchStopsItAndTheResultSaysHowManyWereNotStarted() async throws {
        let backend = FakeBackend(Fixture.requests(3))
        backend.hold()
        let terminal = RecordingTerminal(
            rows: 24, columns: 80,
            script: [
                .waitFor(Fixture.id(3)), .key(.character("*")), .key(.character("a")),
                .waitFor("Approve 3 requests?"), .key(.character("y")), .waitFor("approving…"),
            ], fallbackKey: .control("c"))
        async let code = Self.console(backend).run(terminal: terminal)
        try await Self.until { !backend.begunIDs.isEmpty }
        terminal.feed(steps: [.key(.escape), .waitFor("Stopping: 3 requests")])
        try await Self.until { terminal.text().contains { $0.contains("Stopping: 3 requests") } }
        backend.release()
        terminal.feed(steps: [.waitFor("2 not started"), .key(.enter), .key(.character("q"))])
        #expect(await code == 0)
        #expect(terminal.stalled.isEmpty)
        #expect(backend.processed.count == 1, "the request in progress finished; nothing new started")
    }

    @Test func quittingDuringABatchWaitsOnlyForTheRequestInProgress() async throws {
        let backend = FakeBackend(Fixture.requests(3))
        backend.hold()
        let terminal = RecordingTerminal(
            rows: 24, columns: 80,
            script: [
                .waitFor(Fixture.id(3)), .key(.character("*")), .key(.character("a")),
                .waitFor("Approve 3 requests?"), .key(.character("y")), .waitFor("approving…"),
            ], fallbackKey: .control("c"))
        async let code = Self.console(backend).run(terminal: terminal)
        try await Self.until { !backend.begunIDs.isEmpty }
        terminal.feed(steps: [.key(.character("q")), .waitFor("waiting for")])
        try await Self.until { terminal.text().contains { $0.contains("waiting for") } }
        backend.release()
        #expect(await code == 0)
        #expect(terminal.stalled.isEmpty)
        #expect(backend.processed.count == 1, "the other two were never started")
    }

    @Test func resizingToTooSmallAndBackRedraws() async {
        let backend = FakeBackend(Fixture.requests(3))
        let terminal = RecordingTerminal(
            rows: 24, columns: 80,
            script: [
                .waitFor(Fixture.id(3)), .resize(rows: 10, columns: 40), .waitFor("Terminal too small"),
                .resize(rows: 40, columns: 120), .waitFor("MARKETPLACE"), .key(.character("q")),
            ], fallbackKey: .control("c"))
        _ = await Self.console(backend).run(terminal: terminal)
        #expect(terminal.stalled.isEmpty)
        #expect(terminal.lastFrame?.columns == 120)
    }

    @Test func onlyChangedFramesAreDrawn() async {
        let backend = FakeBackend(Fixture.requests(3))
        let terminal = RecordingTerminal(
            rows: 24, columns: 80,
            script: [.waitFor(Fixture.id(3))] + Array(repeating: .key(.character("k")), count: 10)
                + [.key(.character("p")), .waitFor("PAUSED"), .key(.character("q"))],
            fallbackKey: .control("c"))
        _ = await Self.console(backend).run(terminal: terminal)
        #expect(terminal.stalled.isEmpty)
        // "Listing…", the listed rows, then "PAUSED": the ten keys that changed nothing drew nothing.
        #expect(terminal.drawCount == 3)
    }

    @Test func readOnlyNeverCallsTheEngineToDecide() async {
        let backend = FakeBackend(Fixture.requests(3))
        let terminal = RecordingTerminal(
            rows: 24, columns: 80,
            script: [
                .waitFor(Fixture.id(3)), .key(.character("a")), .key(.character("y")), .key(.character("x")),
                .key(.enter), .waitFor("read-only mode"), .key(.character("q")),
            ], fallbackKey: .control("c"))
        _ = await Self.console(backend, readOnly: true).run(terminal: terminal)
        #expect(terminal.stalled.isEmpty)
        #expect(backend.processed.isEmpty)
    }
}
