import CancelDeskTestSupport
import Testing

@testable import CancelDeskCore

@Suite struct CancelEngineTests {
    let api = InMemoryRequestsAPI((1...3).map { Fixtures.request($0) })
    let vendor = FakeVendor()
    let journal = InMemoryJournal()
    var id: String { Fixtures.request(1).id }

    @Test func approveCancelsAtTheVendorOnceThenApprovesAndRecordsEveryStep() async throws {
        let result = await Fixtures.engine(api, vendor, journal).process(requestID: id, decision: .approve)
        #expect(result.kind == .approved)
        #expect(await journal.states(of: id) == [.vendorSending, .vendorCancelled, .approved])
        #expect(await vendor.applied == ["SUB-1": 1])
        #expect(try await api.request(id: id).status == .approved)
        let entries = await journal.entries
        #expect(
            entries.allSatisfy {
                $0.osUser == "ops" && $0.host == "box" && $0.connectUser == "SU-1" && $0.mode == .auto
            })
        #expect(entries.last?.templateID == Fixtures.template)
        #expect(entries.first?.idempotencyKey.hasPrefix("cd1-") == true)
    }

    @Test func transientVendorFailuresAreRetriedWithTheSameKeyAndNeverFail() async throws {
        await vendor.script(
            "SUB-1",
            [.transient(message: "503", retryAfter: nil), .transient(message: "timeout", retryAfter: .seconds(2))])
        let result = await Fixtures.engine(api, vendor, journal).process(requestID: id, decision: .approve)
        #expect(result.kind == .approved)
        let calls = await vendor.calls
        #expect(calls.count == 3)
        #expect(Set(calls.map(\.idempotencyKey)).count == 1)
        #expect(await api.failCalls.isEmpty)
    }

    @Test func anUnreachableVendorLeavesTheRequestForTheNextRunWhichFinishesIt() async throws {
        await vendor.script("SUB-1", Array(repeating: .transient(message: "503", retryAfter: nil), count: 4))
        let engine = Fixtures.engine(api, vendor, journal)
        let first = await engine.process(requestID: id, decision: .approve)
        #expect(first.kind == .failed)
        #expect(first.cause == .unavailable(.vendor))
        #expect(await journal.states(of: id) == [.vendorSending])
        #expect(try await api.request(id: id).status == .pending)
        #expect(await api.failCalls.isEmpty, "a transient fault never becomes a rejection")
        let recovered = try await engine.recoverUnfinished()
        #expect(recovered.map(\.kind) == [.approved])
        #expect(await vendor.applied == ["SUB-1": 1])
    }

    @Test func aVendorResponseLostAfterTheCancelIsReplayedNotRepeated() async throws {
        await vendor.setLoseResponses(true)
        let result = await Fixtures.engine(api, vendor, journal).process(requestID: id, decision: .approve)
        // The first answer was lost after the cancel happened; the retry with the same key got the replay.
        #expect(result.kind == .approved)
        #expect(await vendor.calls.count == 2)
        #expect(await vendor.applied == ["SUB-1": 1])
    }

    @Test func aPermanentVendorRefusalIsLeftForReviewByDefault() async throws {
        await vendor.script("SUB-1", [.permanent(message: "legal hold\u{1b}[2J until 2027", answer: "HTTP 422")])
        let result = await Fixtures.engine(api, vendor, journal).process(requestID: id, decision: .approve)
        #expect(result.kind == .needsReview)
        #expect(result.detail.contains("legal hold"))
        #expect(!result.detail.contains("\u{1b}"))
        #expect(await api.failCalls.isEmpty)
        #expect(await journal.states(of: id) == [.vendorSending, .vendorRefused, .needsReview])
    }

    @Test func autoMayRejectWithTheVendorsSanitizedMessage() async throws {
        await vendor.script(
            "SUB-1", [.permanent(message: "legal hold\u{1b}]0;x\u{07}", clearRefusal: true, answer: "HTTP 422")])
        let engine = Fixtures.engine(api, vendor, journal, settings: Fixtures.settings(onVendorRefusal: .reject))
        let result = await engine.process(requestID: id, decision: .approve)
        #expect(result.kind == .rejected)
        let reason = try #require(await api.failCalls.first?.reason)
        #expect(reason.contains("legal hold"))
        #expect(!reason.unicodeScalars.contains { TextSanitizer.isDangerous($0) })
        #expect(try await api.request(id: id).status == .failed)
    }

    @Test(arguments: ["HTTP 404", nil] as [String?])
    func anUnclearRefusalIsNeverAutoRejected(answer: String?) async throws {
        await vendor.script("SUB-1", [.permanent(message: "cannot run /opt/cancel: not found", answer: answer)])
        let engine = Fixtures.engine(api, vendor, journal, settings: Fixtures.settings(onVendorRefusal: .reject))
        #expect(await engine.process(requestID: id, decision: .approve).kind == .needsReview)
        #expect(await api.failCalls.isEmpty)
    }

    @Test func anOperatorCommandNeverAutoRejectsOnAVendorRefusal() async throws {
        await vendor.script("SUB-1", [.permanent(message: "no", clearRefusal: true, answer: "HTTP 400")])
        let engine = Fixtures.engine(
            api, vendor, journal, settings: Fixtures.settings(onVendorRefusal: .reject), mode: .cli)
        #expect(await engine.process(requestID: id, decision: .approve).kind == .needsReview)
        #expect(await api.failCalls.isEmpty)
    }

    @Test func missingOrMalformedSubscriptionIdsNeverReachTheVendor() async throws {
        let api = InMemoryRequestsAPI([
            Fixtures.requestWithoutSubscription(1), Fixtures.request(2, subscription: ""),
            Fixtures.request(3, subscription: "SUB 3\u{1b}[0m"),
        ])
        let engine = Fixtures.engine(api, vendor, journal)
        for number in 1...3 {
            let result = await engine.process(requestID: Fixtures.request(number).id, decision: .approve)
            #expect(result.kind == .needsReview)
            #expect(result.detail.contains("subscription parameter"))
        }
        #expect(await vendor.calls.isEmpty)
    }

    @Test func aRequestNoLongerPendingIsSkippedWithoutAnyCall() async throws {
        await api.set(id, status: .approved)
        let result = await Fixtures.engine(api, vendor, journal).process(requestID: id, decision: .approve)
        #expect(result.kind == .skipped)
        #expect(await vendor.calls.isEmpty)
        #expect(await api.approveCalls.isEmpty)
    }

    @Test func aLostApproveResponseIsFinishedByRecoveryWithoutASecondCancel() async throws {
        await api.setLoseResponses(true)
        let engine = Fixtures.engine(api, vendor, journal)
        let first = await engine.process(requestID: id, decision: .approve)
        #expect(first.kind == .failed)
        #expect(await journal.states(of: id).last == .vendorCancelled)
        await api.setLoseResponses(false)
        #expect(try await engine.recoverUnfinished().map(\.kind) == [.approved])
        #expect(await vendor.applied == ["SUB-1": 1])
        #expect(await vendor.calls.count == 1)
    }

    @Test func someoneFailingTheRequestAfterOurVendorCancelNeedsReview() async throws {
        let engine = Fixtures.engine(api, vendor, journal)
        await api.setLoseResponses(true)
        _ = await engine.process(requestID: id, decision: .approve)
        await api.setLoseResponses(false)
        // Meanwhile a person failed the request in the portal; our approve must not hide that.
        await api.set(id, status: .failed)
        let results = try await engine.recoverUnfinished()
        #expect(results.map(\.kind) == [.needsReview])
        #expect(await journal.states(of: id).last == .needsReview)
    }

    @Test func rejectFailsInConnectWithTheReasonAndNeverCallsTheVendor() async throws {
        let result = await Fixtures.engine(api, vendor, journal, mode: .tui)
            .process(requestID: id, decision: .reject(reason: "Customer withdrew the cancellation"))
        #expect(result.kind == .rejected)
        #expect(await api.failCalls.map(\.reason) == ["Customer withdrew the cancellation"])
        #expect(await vendor.calls.isEmpty)
        #expect(await journal.states(of: id) == [.rejectSending, .rejected])
    }

    @Test func nothingRemoteHappensWhenTheJournalCannotBeWritten() async throws {
        await journal.failAfter(0)
        let result = await Fixtures.engine(api, vendor, journal).process(requestID: id, decision: .approve)
        #expect(result.kind == .failed)
        #expect(result.cause == .journal)
        #expect(await vendor.calls.isEmpty)
        #expect(await api.approveCalls.isEmpty)
    }

    @Test func aJournalFailureAfterTheVendorStopsBeforeConnect() async throws {
        await journal.failAfter(1)
        let result = await Fixtures.engine(api, vendor, journal).process(requestID: id, decision: .approve)
        #expect(result.cause == .journal)
        #expect(await vendor.calls.count == 1)
        #expect(await api.approveCalls.isEmpty)
    }

    @Test func dryRunChangesAndRecordsNothing() async throws {
        let result = await Fixtures.engine(api, vendor, journal).process(
            requestID: id, decision: .approve, dryRun: true)
        #expect(result.kind == .skipped)
        #expect(result.detail.contains("dry run"))
        #expect(await journal.entries.isEmpty)
        #expect(await vendor.calls.isEmpty)
    }

    @Test func aRowOfALiveProcessIsLeftAloneAndADeadOnesIsResumed() async throws {
        _ = try await journal.recordIfUnclaimed(
            JournalEntry(
                requestID: id, state: .vendorSending, at: .now, mode: .tui, subscriptionID: "SUB-1", owner: "box:7"))
        let busy = await Fixtures.engine(api, vendor, journal, aliveOwners: ["box:7"]).process(
            requestID: id, decision: .approve)
        #expect(busy.kind == .skipped)
        #expect(await vendor.calls.isEmpty)
        // Once box:7 is gone (a crash), its half-done request is finished with the same key.
        let resumed = await Fixtures.engine(api, vendor, journal).process(requestID: id, decision: .approve)
        #expect(resumed.kind == .approved)
        #expect(await vendor.applied == ["SUB-1": 1])
    }
}
