import CancelDeskTestSupport
import Testing

@testable import CancelDeskCore

/// Issue 12, honest scripting: a single decision says why nothing was done, so that the executable can exit with a
/// distinct status for an unknown request and for one decided already.
@Suite struct ResultCauseTests {
    @Test func anUnknownRequestIsNotFoundAtConnect() async throws {
        let api = InMemoryRequestsAPI([Fixtures.request(1)])
        let result = await Fixtures.engine(api, FakeVendor(), InMemoryJournal())
            .process(requestID: "PR-0000-0000-0404", decision: .approve)
        #expect(result.kind == .failed)
        #expect(result.cause == .notFound(.connect))
    }

    @Test func anIdTheAdapterRefusesToSendIsUnknownToo() async throws {
        let api = InMemoryRequestsAPI([Fixtures.request(1)])
        await api.script("read", [ServiceError(service: .connect, kind: .refused, messages: ["invalid identifier"])])
        let result = await Fixtures.engine(api, FakeVendor(), InMemoryJournal())
            .process(requestID: "PR-1/../x", decision: .approve)
        #expect(result.kind == .failed)
        #expect(result.cause == .notFound(.connect))
    }

    @Test(arguments: [RequestStatus.approved, .failed])
    func aRequestConnectShowsDecidedIsAlreadyDecided(status: RequestStatus) async throws {
        let api = InMemoryRequestsAPI([Fixtures.request(1, status: status)])
        let vendor = FakeVendor()
        let result = await Fixtures.engine(api, vendor, InMemoryJournal())
            .process(requestID: Fixtures.request(1).id, decision: .reject(reason: "no"))
        #expect(result.kind == .skipped)
        #expect(result.cause == .alreadyDecided)
        #expect(await vendor.calls.isEmpty)
        #expect(await api.failCalls.isEmpty)
    }

    @Test func aRequestTheJournalDecidedIsAlreadyDecidedTheSecondTime() async throws {
        let api = InMemoryRequestsAPI([Fixtures.request(1)])
        let engine = Fixtures.engine(api, FakeVendor(), InMemoryJournal())
        let first = await engine.process(requestID: Fixtures.request(1).id, decision: .approve)
        #expect(first.kind == .approved)
        #expect(first.cause == nil)
        let second = await engine.process(requestID: Fixtures.request(1).id, decision: .approve)
        #expect(second.kind == .skipped)
        #expect(second.cause == .alreadyDecided)
    }

    @Test func anInquiringOrOutOfScopeRequestIsNotCalledDecided() async throws {
        let api = InMemoryRequestsAPI([Fixtures.request(1, status: .inquiring), Fixtures.request(2, type: .purchase)])
        let engine = Fixtures.engine(api, FakeVendor(), InMemoryJournal())
        for number in [1, 2] {
            let result = await engine.process(requestID: Fixtures.request(number).id, decision: .approve)
            #expect(result.kind == .skipped)
            #expect(result.cause == nil)
        }
    }
}
