import CancelDeskCore
import CancelDeskTestSupport
import Foundation
import Logging
import Testing

@testable import CancelDeskTUI

/// The console over the real engine (in-memory Connect and journal, a fake vendor): its batches run on the
/// engine's one work-list runner, with the circuit breaker, deferred vendor retries and the stop condition.
@Suite struct ConsoleEngineTests {
    /// A vendor that answers after `delay`, like one across a network.
    struct SlowVendor: VendorAPI {
        let inner: FakeVendor
        let delay: Duration

        func cancel(_ order: VendorCancelOrder) async -> VendorOutcome {
            try? await Task.sleep(for: delay)
            return await inner.cancel(order)
        }

        func checkReachability() async -> String? { nil }
    }

    static func engine(
        _ api: InMemoryRequestsAPI, _ vendor: any VendorAPI, _ journal: InMemoryJournal, inbox: ConsoleInbox
    ) -> CancelEngine {
        var settings = Fixtures.settings()
        settings.vendorRetry = RetryPolicy(
            maxAttempts: 4, baseDelay: .milliseconds(10), maxDelay: .milliseconds(40), deadline: .seconds(30))
        var identity = Fixtures.identity
        identity.mode = .tui
        return CancelEngine(
            requests: api, vendor: vendor, journal: journal, settings: settings, identity: identity,
            random: { 0.5 }, logger: Logger(label: "test"), events: inbox.engineEvents)
    }

    static func console(_ backend: any ConsoleBackend, inbox: ConsoleInbox) -> Console {
        Console(
            backend: backend, keymap: TestKeys.keymap, context: Fixture.context(),
            hints: TestKeys.hints(readOnly: false), logger: Logger(label: "test"), inbox: inbox,
            clock: { Fixture.now }, keyTimeout: .milliseconds(5), confirmDelay: .zero)
    }

    @Test func aBulkApproveAgainstAVendorAnswering503OpensTheBreakerAndStopsStartingNewOnes() async throws {
        let api = InMemoryRequestsAPI((1...30).map { Fixtures.request($0) })
        let fake = FakeVendor()
        await fake.answerEveryCall(.transient(message: "503 Service Unavailable", retryAfter: nil))
        let journal = InMemoryJournal()
        let inbox = ConsoleInbox()
        let engine = Self.engine(api, SlowVendor(inner: fake, delay: .milliseconds(20)), journal, inbox: inbox)
        let terminal = RecordingTerminal(
            rows: 40, columns: 160,
            script: [
                .waitFor("30 requests"), .key(.character("*")), .key(.character("a")),
                .waitFor("Approve 30 requests?"), .key(.character("y")), .waitFor("not started"),
                .key(.enter), .key(.character("M")), .waitFor("circuit breaker open"), .key(.character("q")),
                .key(.character("q")),
            ],
            // Generous: on a loaded machine the engine may take a while between reads.
            idleLimit: 60_000, fallbackKey: .control("c"))
        let code = await Self.console(engine, inbox: inbox).run(terminal: terminal)
        #expect(code == 0)
        #expect(terminal.stalled.isEmpty)
        let calls = await fake.calls
        let tried = Set(calls.map(\.subscriptionID))
        #expect(tried.count < 30, "the breaker opened: new requests stopped starting")
        #expect(calls.count < 120, "the retry policy alone allows 4 calls for each of the 30")
        #expect(await api.failCalls.isEmpty, "an outage never becomes a rejection")
        #expect(await fake.applied.isEmpty)
        // Every request tried is left resumable (its row says the vendor call is in doubt); the rest untouched.
        #expect(try await journal.unfinished().count == tried.count)
    }
}
