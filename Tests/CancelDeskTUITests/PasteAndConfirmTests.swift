import CancelDeskCore
import Foundation
import Logging
import Testing

@testable import CancelDeskTUI

/// Issue 11's input safety: a paste is text for a prompt and never keystrokes; a confirming key counts only once
/// its dialog has been on screen.
@Suite struct PasteAndConfirmTests {
    static let paragraph = "Cancellation is not possible.\nKind regards, Sally y"

    @Test func aPasteIntoTheReasonIsTextAndDecidesNothing() {
        var state = Fixture.state()
        press(&state, .character("x"))
        let commands = ConsoleReducer.reduce(&state, .key(nil, .paste(Self.paragraph)))
        #expect(commands.isEmpty)
        #expect(state.dialog?.phase == .asking)
        #expect(state.dialog?.reason == "Cancellation is not possible. Kind regards, Sally y")
        #expect(state.work.inFlight.isEmpty)
    }

    @Test func aPasteOutsideAPromptIsIgnoredWithAMessage() {
        var state = Fixture.state()
        let before = (state.cursor, state.marks, state.sorted)
        let commands = ConsoleReducer.reduce(&state, .key(nil, .paste("s a y \n x")))
        #expect(commands.isEmpty)
        #expect(state.dialog == nil)
        #expect(state.marks == before.1)
        #expect(state.cursor == before.0)
        #expect(state.sorted == before.2)
        #expect(state.log.entries.contains { $0.text.contains("paste ignored") })
    }

    @Test func aPasteIntoTheFilterFiltersAndDoesNotLeaveThePrompt() {
        var state = Fixture.state()
        press(&state, .character("/"))
        _ = ConsoleReducer.reduce(&state, .key(nil, .paste("acme\n")))
        #expect(state.filter == "acme")
        #expect(state.filterEditing, "the newline did not submit the filter")
    }

    @Test func pastedControlCharactersAreDroppedAndBreaksBecomeOneSpace() {
        #expect(TextEditing.inserting("a\r\n\r\nb\u{1B}[2Jc\td", into: "x ") == "x a b[2Jc d")
        #expect(TextEditing.inserting(String(repeating: "z", count: 5_000), into: "").count == TextEditing.limit)
    }

    @Test func yTypedWithTheKeyThatOpenedTheDialogDoesNotConfirm() async {
        let backend = FakeBackend(Fixture.requests(3))
        let terminal = RecordingTerminal(
            rows: 24, columns: 80,
            script: [
                .waitFor(Fixture.id(3)), .key(.character("a")), .key(.character("y")), .waitFor("Approve 1 request?"),
                .waitFor("confirm ignored"), .key(.escape), .key(.character("q")),
            ], fallbackKey: .control("c"))
        let code = await Self.console(backend, confirmDelay: .zero).run(terminal: terminal)
        #expect(code == 0)
        #expect(terminal.stalled.isEmpty)
        #expect(backend.processed.isEmpty, "the y was read before the dialog was drawn")
    }

    @Test func aConfirmWithinTheDelayDoesNotCountAndALaterOneDoes() async {
        let backend = FakeBackend(Fixture.requests(3))
        let terminal = RecordingTerminal(
            rows: 24, columns: 80,
            script: [
                .waitFor(Fixture.id(3)), .key(.character("a")), .waitFor("Approve 1 request?"), .key(.character("y")),
                .waitFor("confirm ignored"), .key(.escape), .key(.character("q")),
            ], fallbackKey: .control("c"))
        // A long delay: the y right after the draw is too soon.
        _ = await Self.console(backend, confirmDelay: .seconds(30)).run(terminal: terminal)
        #expect(terminal.stalled.isEmpty)
        #expect(backend.processed.isEmpty)

        let later = FakeBackend(Fixture.requests(3))
        let patient = RecordingTerminal(
            rows: 24, columns: 80,
            script: [
                .waitFor(Fixture.id(3)), .key(.character("a")), .waitFor("Approve 1 request?"), .key(.character("y")),
                .waitFor("2 requests"), .key(.character("q")),
            ], fallbackKey: .control("c"))
        _ = await Self.console(later, confirmDelay: .zero).run(terminal: patient)
        #expect(later.processed.map(\.0) == [Fixture.id(3)])
    }

    @Test func theGuardNeedsADrawAndTheDelay() {
        var guardian = ConfirmGuard(delay: .milliseconds(300))
        let start = ContinuousClock.now
        #expect(!guardian.allows(at: start), "not drawn yet")
        guardian.drawn(asking: true, at: start)
        #expect(!guardian.allows(at: start + .milliseconds(299)))
        #expect(guardian.allows(at: start + .milliseconds(300)))
        guardian.observe(asking: false)
        #expect(!guardian.allows(at: start + .seconds(5)), "a new dialog starts over")
    }

    static func console(_ backend: FakeBackend, confirmDelay: Duration) -> Console {
        Console(
            backend: backend, keymap: TestKeys.keymap, context: Fixture.context(readOnly: false),
            hints: TestKeys.hints(readOnly: false), logger: Logger(label: "test"), inbox: backend.inbox,
            clock: { Fixture.now }, keyTimeout: .milliseconds(5), confirmDelay: confirmDelay)
    }
}
