import CancelDeskCore
import Foundation
import Testing

@testable import CancelDeskTUI

@Suite struct ReducerDialogTests {
    @Test func approveDialogFocusStartsOnCancelSoEnterCancels() {
        var state = Fixture.state()
        let selected = state.selectedID!
        press(&state, .character("a"))
        let dialog = try! #require(state.dialog)
        #expect(dialog.kind == .approve)
        #expect(dialog.focus == .cancel)
        #expect(dialog.targetIDs == [selected])
        #expect(state.keyContext == .dialog)
        #expect(press(&state, .enter).isEmpty, "Enter presses Cancel")
        #expect(state.dialog == nil)
        #expect(state.work.inFlight.isEmpty)
    }

    @Test func yConfirmsAndSendsTheProcessCommandForTheNamedRequest() {
        var state = Fixture.state()
        let selected = state.selectedID!
        press(&state, .character("a"))
        let commands = press(&state, .character("y"))
        #expect(withoutExpectations(commands) == [.process(requestIDs: [selected], decision: .approve)])
        #expect(state.work.inFlight == [selected: .approve])
        #expect(state.dialog?.phase == .running)
        #expect(screen(state)[22].contains("approving… 0/1 done"))
        _ = ConsoleReducer.reduce(&state, finished(selected, .approved))
        #expect(state.dialog == nil, "a dialog whose requests all succeeded closes itself")
        #expect(state.work.rows[selected] == .finished(.approved))
        #expect(state.log.entries.contains { $0.text == "\(selected): approved" })
    }

    @Test func theDecisionCarriesTheSubscriptionIdTheOperatorSaw() {
        var state = Fixture.state()
        let selected = try! #require(state.selectedRow)
        #expect(!selected.subscription.isEmpty)
        press(&state, .character("a"))
        let commands = press(&state, .character("y"))
        let expected = ConsoleCommand.process(
            requestIDs: [selected.id], decision: .approve, expecting: [selected.id: selected.subscription], batch: 1)
        #expect(commands == [expected])
    }

    @Test func aRequestJustApprovedCannotBeRejectedBeforeTheListRefreshes() {
        var state = Fixture.state()
        let selected = state.selectedID!
        press(&state, .character("a"))
        press(&state, .character("y"))
        _ = ConsoleReducer.reduce(&state, finished(selected, .approved))
        #expect(state.selectedID == selected, "no refresh yet: the approved row is still selected")
        let commands = press(&state, .character("x"))
        #expect(commands.isEmpty)
        #expect(state.dialog == nil)
        #expect(state.log.entries.contains { $0.text.contains("already decided") })
    }

    @Test func tabMovesTheFocusToApproveAndEnterThenConfirms() {
        var state = Fixture.state()
        press(&state, .character("a"), .tab)
        #expect(state.dialog?.focus == .confirm)
        let commands = press(&state, .enter)
        #expect(commands.count == 1)
        if case .process(_, let decision, _, _)? = commands.first {
            #expect(decision == .approve)
        } else {
            Issue.record("no process")
        }
    }

    @Test func theDialogActsOnTheRequestItNamedEvenIfARefreshMovesTheSelection() {
        var state = Fixture.state()
        let named = state.selectedID!
        press(&state, .character("a"))
        let reordered = Array(Fixture.requests(12).filter { $0.id != named }) + [Fixture.request(12)]
        _ = ConsoleReducer.reduce(&state, .snapshotLoaded(Fixture.loaded(Array(reordered.dropFirst(2)))))
        #expect(
            withoutExpectations(press(&state, .character("y"))) == [.process(requestIDs: [named], decision: .approve)])
    }

    @Test func rejectTakesAPresetOrFreeTextAndTheReasonSurvivesAnError() {
        var state = Fixture.state()
        let selected = state.selectedID!
        press(&state, .character("x"))
        #expect(state.keyContext == .prompt, "typing goes into the reason")
        #expect(press(&state, .enter).isEmpty, "no reason, no reject")
        #expect(state.dialog?.error?.contains("reason is required") == true)
        // Issue 11: digits are text ("14 days notice" is not preset 1 plus text), and typing clears the stale error.
        press(&state, TestKeys.typing("14 days"))
        #expect(state.dialog?.reason == "14 days")
        #expect(state.dialog?.error == nil)
        press(&state, .control("u"))
        let presets = ConsoleContext.defaultRejectPresets
        press(&state, .tab)
        #expect(state.dialog?.reason == presets[0], "Tab takes the first preset")
        press(&state, .down)
        #expect(state.dialog?.reason == presets[1], "Down the next")
        press(&state, .up, .up)
        #expect(state.dialog?.reason == presets.last, "Up goes round")
        press(&state, .alt("2"))
        #expect(state.dialog?.reason == presets[1], "Alt plus a number picks that preset")
        press(&state, .control("u"))
        press(&state, TestKeys.typing("Contract ends 2025; q and 3 are text here"))
        let reason = "Contract ends 2025; q and 3 are text here"
        #expect(state.dialog?.reason == reason)
        let commands = press(&state, .enter)
        #expect(withoutExpectations(commands) == [.process(requestIDs: [selected], decision: .reject(reason: reason))])
        #expect(state.keyContext == .progress, "while running, keys do not edit the reason")
        _ = ConsoleReducer.reduce(
            &state,
            .engine(
                .finished(
                    RequestResult(
                        requestID: selected, kind: .failed, detail: "connect transient (HTTP 503)", cause: .other))))
        let dialog = try! #require(state.dialog)
        #expect(dialog.phase == .asking)
        #expect(dialog.reason == reason, "nothing to retype")
        #expect(dialog.error?.contains("connect transient (HTTP 503)") == true)
        let lines = screen(state)
        #expect(lines.contains { $0.contains(reason) })
        #expect(lines.contains { $0.contains("error: 1 not rejected: failed — connect transient (HTTP 503)") })
        #expect(
            withoutExpectations(press(&state, .enter)) == [
                .process(requestIDs: [selected], decision: .reject(reason: reason))
            ], "retry")
        _ = ConsoleReducer.reduce(&state, finished(selected, .rejected))
        #expect(state.dialog == nil)
    }

    @Test func bulkApproveOfMarksSaysHowManyTheFilterHidesAndReportsEachOutcome() {
        var state = Fixture.state()
        press(&state, .space, .space, .space) // 12, 11, 10
        press(&state, .character("/"))
        press(&state, TestKeys.typing("japan"))
        press(&state, .enter)
        #expect(state.markedVisible == 2, "12 and 10 are in Japan, 11 in Europe")
        press(&state, .character("a"))
        let dialog = try! #require(state.dialog)
        #expect(dialog.hiddenByFilter == 1)
        #expect(dialog.targetIDs == [Fixture.id(12), Fixture.id(10), Fixture.id(11)], "shown first, then hidden")
        let lines = screen(state)
        #expect(lines.contains { $0.contains("Approve 3 requests?") })
        #expect(lines.contains { $0.contains("Includes 1 marked hidden by the filter.") })
        #expect(lines.contains { $0.contains("SUB-00084") && $0.contains(Fixture.id(12)) })
        let commands = press(&state, .character("y"))
        #expect(
            withoutExpectations(commands) == [
                .process(requestIDs: [Fixture.id(12), Fixture.id(10), Fixture.id(11)], decision: .approve)
            ])
        _ = ConsoleReducer.reduce(&state, .engine(.recorded(requestID: Fixture.id(10), state: .vendorCancelled)))
        #expect(state.work.rows[Fixture.id(10)] == .working(.approve, step: "vendor_cancelled"))
        _ = ConsoleReducer.reduce(&state, finished(Fixture.id(12), .approved))
        #expect(screen(state).contains { $0.contains("1 of 3 done") })
        _ = ConsoleReducer.reduce(
            &state, finished(Fixture.id(11), .failed, "vendor 422: legal hold"))
        let last = ConsoleReducer.reduce(
            &state, finished(Fixture.id(10), .approved))
        #expect(last.isEmpty, "no refresh while the outcome dialog is open")
        #expect(state.dialog?.phase == .finished)
        #expect(state.marks == [Fixture.id(11)], "the failed request stays marked")
        #expect(state.log.entries.contains { $0.text.hasPrefix("2 approved, 1 failed") })
        let finished = screen(state)
        #expect(finished.contains { $0.contains("F \(Fixture.id(11))  failed: vendor 422: legal hold") })
        #expect(finished.contains { $0.contains("A \(Fixture.id(12))  approved") })
        press(&state, .enter)
        #expect(state.dialog == nil)
    }

    @Test func bulkRejectKeepsTheReasonForTheRequestsThatFailed() {
        var state = Fixture.state()
        press(&state, .space, .space)
        press(&state, .character("x"), .character("m"), .alt("3"))
        let reason = ConsoleContext.defaultRejectPresets[2]
        #expect(
            withoutExpectations(press(&state, .enter)) == [
                .process(requestIDs: [Fixture.id(12), Fixture.id(11)], decision: .reject(reason: reason))
            ])
        _ = ConsoleReducer.reduce(&state, finished(Fixture.id(12), .rejected))
        _ = ConsoleReducer.reduce(&state, finished(Fixture.id(11), .skipped, "no longer pending"))
        let dialog = try! #require(state.dialog)
        #expect(dialog.targetIDs == [Fixture.id(11)])
        #expect(dialog.reason == reason)
        #expect(dialog.error == "1 not rejected, 1 rejected: skipped — no longer pending")
        #expect(state.marks == [Fixture.id(11)])
    }

    @Test func readOnlyRemovesApproveAndRejectFromKeysHelpAndHints() {
        var state = Fixture.state(readOnly: true)
        press(&state, [.character("a"), .character("x")], readOnly: true)
        #expect(state.dialog == nil)
        // Even an approve action that reached the reducer does nothing.
        #expect(ConsoleReducer.reduce(&state, .key(.approve, .character("a"))).isEmpty)
        #expect(state.dialog == nil)
        #expect(state.log.last?.text.contains("read-only") == true)
        let list = screen(state)
        #expect(list[0].contains("[READ-ONLY]"))
        #expect(!list[23].contains("approve") && !list[23].contains("reject"))
        press(&state, [.character("?")], readOnly: true)
        #expect(state.screens.last == .help(context: .list, scroll: 0))
        let help = HelpScreen.rows(state, context: .list).map(\.text)
        #expect(screen(state).contains { $0.contains("<Space>") && $0.contains("mark toggle") })
        #expect(help.contains { $0.hasSuffix("  mark toggle") })
        #expect(!help.contains { $0.hasSuffix("  approve") || $0.hasSuffix("  reject") })
        #expect(help.contains("READ-ONLY: approve and reject are disabled in this session."))
        var writable = Fixture.state()
        press(&writable, .character("?"))
        let writableHelp = HelpScreen.rows(writable, context: .list).map(\.text)
        #expect(writableHelp.contains { $0.hasPrefix("a ") && $0.hasSuffix("  approve") }, "listed when writable")
        #expect(writableHelp.contains { $0.hasPrefix("x ") && $0.hasSuffix("  reject") })
    }

    @Test func detailShowsNextAndPreviousWithoutGoingBack() {
        var state = Fixture.state()
        let commands = press(&state, .enter)
        #expect(commands == [.loadRequest(requestID: Fixture.id(12)), .loadHistory(requestID: Fixture.id(12))])
        #expect(state.detail?.requestID == Fixture.id(12))
        #expect(
            press(&state, .character("J"))
                == [.loadRequest(requestID: Fixture.id(11)), .loadHistory(requestID: Fixture.id(11))])
        #expect(state.detail?.requestID == Fixture.id(11))
        #expect(state.selectedID == Fixture.id(11), "the list follows")
        press(&state, .character("K"), .character("K"))
        #expect(state.detail?.requestID == Fixture.id(12), "the first request stays put")
        press(&state, .character("j"), .character("j"), .character("j"))
        #expect(state.detail?.scroll == 3)
        press(&state, .end)
        let scrolled = state.detail!.scroll
        #expect(scrolled == DetailScreen.lineCount(state, state.detail!) - ScreenLayout.contentHeight(state.size))
        press(&state, .character("a"))
        #expect(state.dialog?.targetIDs == [Fixture.id(12)], "approve from the detail acts on the request shown")
        press(&state, .escape, .escape)
        #expect(state.screens.isEmpty)
    }

    /// Issue 11: `J` after deciding the request shown (the list refreshed without it) opens the next request, not
    /// the one after it; `K` the previous one.
    @Test func nextAfterADecisionOpensTheNextRequest() {
        for (key, expected) in [("J", Fixture.id(10)), ("K", Fixture.id(12))] {
            var state = Fixture.state()
            press(&state, .character("j"), .enter)
            let decided = try! #require(state.detail?.requestID)
            #expect(decided == Fixture.id(11))
            _ = ConsoleReducer.reduce(
                &state, .snapshotLoaded(Fixture.loaded(Fixture.requests(12).filter { $0.id != decided })))
            #expect(state.detail?.requestID == decided, "the detail still shows the decided request")
            press(&state, .character(Character(key)))
            #expect(state.detail?.requestID == expected, "\(key) after the decision")
        }
    }

    @Test func detailShowsTheListedRowUntilTheRequestIsReadAndSaysWhyWhenItCannotBe() {
        var state = Fixture.state()
        let id = Fixture.id(12)
        let keymap = TestKeys.effective(readOnly: false)
        let commands = ConsoleReducer.reduce(&state, .key(keymap.action(for: .enter, in: .list), .enter))
        #expect(commands.first == .loadRequest(requestID: id), "the detail asks for the request in full")
        #expect(state.detail?.request == nil)
        // The whole document, wrapped lines joined.
        func document() -> String {
            state.detail.map { DetailScreen.rows(state, $0).map(\.text).joined(separator: " ") } ?? ""
        }
        #expect(document().contains("reading the request from Connect…"))
        #expect(document().contains("Customer 12"), "the listed row is shown meanwhile")
        #expect(!document().contains("Reseller Prime"), "nothing the row does not have")
        _ = ConsoleReducer.reduce(&state, .requestFailed(requestID: id, "connect transient (HTTP 503)"))
        #expect(state.detail?.loadError == "connect transient (HTTP 503)")
        #expect(document().contains("could not be read from Connect: connect transient (HTTP 503)"))
        _ = ConsoleReducer.reduce(&state, .requestLoaded(Fixture.request(12)))
        #expect(state.detail?.request == Fixture.request(12))
        #expect(state.detail?.loadError == nil)
        #expect(!document().contains("reading the request"))
        #expect(document().contains("Reseller Prime"), "the full request once read")
        // A read for another request changes nothing here.
        _ = ConsoleReducer.reduce(&state, .requestLoaded(Fixture.request(3)))
        #expect(state.detail?.request?.id == id)
        // Each listing reads the shown request again; a failed re-read keeps the request shown and says so.
        let refreshed = ConsoleReducer.reduce(
            &state, .snapshotLoaded(Fixture.loaded(Fixture.requests(12), at: Fixture.now.addingTimeInterval(30))))
        #expect(refreshed == [.loadRequest(requestID: id)])
        _ = ConsoleReducer.reduce(&state, .requestFailed(requestID: id, "connect unavailable"))
        #expect(state.detail?.request?.id == id)
        #expect(document().contains("could not read the request again"))
    }

    @Test func aDecisionFromTheDetailUsesTheListedProduct() {
        var state = Fixture.state()
        while state.selectedID != Fixture.id(8) { press(&state, .character("j")) }
        press(&state, .enter, .character("a"))
        #expect(state.dialog?.targets.first?.productID == Fixture.otherProduct)
    }

    @Test func engineEventsAndResultsUpdateRowsAndTheLog() {
        var state = Fixture.state()
        let id = state.selectedID!
        press(&state, .character("a"), .character("y"))
        #expect(screen(state)[3].hasPrefix(">  ~"), "state column shows work in progress")
        _ = ConsoleReducer.reduce(&state, .engine(.vendorRetry(requestID: id, attempt: 1, wait: .seconds(2))))
        #expect(state.log.last?.text.contains("retry 1 in 2s") == true)
        press(&state, .enter)
        #expect(state.dialog == nil, "the running dialog can be hidden; work goes on")
        #expect(state.work.inFlight[id] == .approve)
        let commands = ConsoleReducer.reduce(
            &state, finished(id, .needsReview, "vendor said maybe"))
        #expect(commands == [.loadSnapshot], "the list is listed again after a batch")
        #expect(state.work.rows[id] == .finished(.needsReview))
        #expect(screen(state)[3].hasPrefix(">  ?"))
        #expect(
            state.log.entries.contains { $0.level == .warning && $0.text == "\(id): needs review — vendor said maybe" })
        #expect(state.log.last?.text == "1 need review (see messages; failed requests stay marked)")
    }

    @Test func quittingStopsTheBatchesAndWaitsOnlyForRequestsInFlight() {
        var state = Fixture.state()
        press(&state, .character("a"), .character("y"), .enter)
        #expect(press(&state, .character("q")) == [.stopBatch(nil)], "quitting stops every batch")
        #expect(state.quitRequested)
        let commands = ConsoleReducer.reduce(
            &state, finished(state.selectedID!, .approved))
        #expect(commands == [.quit])
        var other = Fixture.state()
        #expect(press(&other, .character("q")) == [.quit])
    }
}
