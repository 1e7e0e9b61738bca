import CancelDeskCore
import Foundation
import Testing

@testable import CancelDeskTUI

/// Requests waiting for a person in the console: marked with why (from the journal), a filter, the vendor's message
/// as the first reject reason.
@Suite struct ReviewConsoleTests {
    static func reviewRow(_ number: Int, cause: ReviewCause, vendorMessage: String = "", reason: String = "why")
        -> JournalEntry
    {
        JournalEntry(
            requestID: Fixture.id(number), state: .needsReview, at: Fixture.now, mode: .auto,
            subscriptionID: "SUB-\(number)", vendorMessage: vendorMessage, reason: reason, reviewCause: cause)
    }

    @Test func reviewRowsFromTheJournalAreMarkedWithTheirReason() {
        var state = Fixture.state(columns: 120)
        let rows = [Self.reviewRow(2, cause: .vendorRefusal, vendorMessage: "legal hold until 2027")]
        _ = ConsoleReducer.reduce(&state, .reviewsLoaded(rows))
        #expect(state.reviews[Fixture.id(2)]?.cause == .vendorRefusal)
        let lines = screen(state)
        let line = lines.first { $0.contains(Fixture.id(2)) } ?? ""
        #expect(line.dropFirst(3).first == "?", "the state column marks it: \(line)")
        #expect(lines.contains { $0.contains("1 need review") })
        ConsoleReducer.moveCursor(&state, to: state.visibleIDs.firstIndex(of: Fixture.id(2)) ?? -1)
        #expect(screen(state).contains { $0.contains("vendor refusal: legal hold") })
    }

    @Test func theReviewFilterShowsOnlyRequestsThatNeedReviewAndTogglesBack() {
        var state = Fixture.state()
        _ = ConsoleReducer.reduce(
            &state, .reviewsLoaded([Self.reviewRow(3, cause: .missingParameter), Self.reviewRow(9, cause: .unknown)]))
        _ = press(&state, .character("r"))
        #expect(Set(state.visibleIDs) == [Fixture.id(3), Fixture.id(9)])
        #expect(state.isVisible(Fixture.id(3)) && !state.isVisible(Fixture.id(1)))
        _ = ConsoleReducer.reduce(
            &state,
            .engine(
                .finished(
                    RequestResult(requestID: Fixture.id(3), kind: .rejected, detail: "rejected"))))
        #expect(state.visibleIDs == [Fixture.id(9)], "a decided request leaves the needs-review view")
        _ = press(&state, .character("r"))
        #expect(state.visibleIDs.count == 12)
    }

    @Test func theFilterKeyIsInTheHelp() {
        let state = Fixture.state()
        #expect(state.help[.list]?.contains { $0.action == KeyAction.reviewFilter.rawValue } == true)
    }

    @Test func theVendorsMessageIsTheFirstRejectReasonOffered() {
        var state = Fixture.state()
        let rows = [Self.reviewRow(1, cause: .vendorRefusal, vendorMessage: "Contract locked until 2027")]
        _ = ConsoleReducer.reduce(&state, .reviewsLoaded(rows))
        ConsoleReducer.moveCursor(&state, to: state.visibleIDs.firstIndex(of: Fixture.id(1)) ?? -1)
        _ = press(&state, .character("x"))
        #expect(state.rejectPresets.first == "Contract locked until 2027")
        #expect(Array(state.rejectPresets.dropFirst()) == state.context.rejectPresets)
        _ = press(&state, .tab)
        #expect(state.dialog?.reason == "Contract locked until 2027")
    }

    @Test func anUnclearRefusalIsNotOfferedAsAReason() {
        var state = Fixture.state()
        let rows = [Self.reviewRow(1, cause: .unclearOutcome, vendorMessage: "<html>502 Bad Gateway</html>")]
        _ = ConsoleReducer.reduce(&state, .reviewsLoaded(rows))
        ConsoleReducer.moveCursor(&state, to: state.visibleIDs.firstIndex(of: Fixture.id(1)) ?? -1)
        _ = press(&state, .character("x"))
        #expect(state.rejectPresets == state.context.rejectPresets)
    }

    @Test func aNewNeedsReviewResultIsMarkedAtOnce() {
        var state = Fixture.state()
        var result = RequestResult(requestID: Fixture.id(4), kind: .needsReview, detail: "subscription changed")
        result.reviewCause = .subscriptionMismatch
        _ = ConsoleReducer.reduce(&state, .engine(.finished(result)))
        #expect(state.reviews[Fixture.id(4)]?.line == "subscription mismatch: subscription changed")
    }
}

/// The run loop reads the journal's needs_review rows with each listing (what a restarted console shows).
@Suite struct ReviewConsoleRunTests {
    @Test func aRestartedConsoleShowsTheReviewReasonFromTheJournal() async {
        let backend = FakeBackend(Fixture.requests(3))
        backend.reviewRows = [
            ReviewConsoleTests.reviewRow(3, cause: .vendorRefusal, vendorMessage: "legal hold until 2027")
        ]
        let terminal = RecordingTerminal(
            rows: 24, columns: 120,
            script: [
                .waitFor("1 need review ?"), .key(.character("r")), .waitFor("needs review only"),
                .waitFor("vendor refusal: legal hold until 2027"), .key(.character("q")),
            ], fallbackKey: .control("c"))
        let code = await ConsoleRunTests.console(backend).run(terminal: terminal)
        #expect(code == 0)
        #expect(terminal.stalled.isEmpty, "\(terminal.text())")
    }
}
