import CancelDeskTestSupport
import Foundation
import Logging
import Testing

@testable import CancelDeskCore

/// Audit in Connect: every decision queues a private conversation note with its journal row and posts it best
/// effort; a failed post never changes the decision and is delivered by a later drain.
@Suite struct AuditOutboxTests {
    let api = InMemoryRequestsAPI((1...3).map { Fixtures.request($0) })
    let vendor = FakeVendor()
    let journal = InMemoryOutboxJournal()

    func engine(mode: RunMode = .tui) -> CancelEngine {
        var settings = Fixtures.settings()
        settings.assignee = .email("ops@vendor.example")
        var identity = Fixtures.identity
        identity.mode = mode
        return CancelEngine(
            requests: api, vendor: vendor, journal: journal, settings: settings, identity: identity,
            clock: Fixtures.instantClock(), random: { 0.5 }, logger: Logger(label: "test"))
    }

    @Test func anApprovalPostsAPrivateNoteSayingWhatWhoAndTheVendorOutcome() async throws {
        let id = Fixtures.request(1).id
        #expect(await engine().process(requestID: id, decision: .approve).kind == .approved)
        let messages = await api.messages[id] ?? []
        #expect(messages.count == 1)
        let note = try #require(messages.first)
        #expect(note.kind == .privateNote)
        #expect(note.text.contains("approved"))
        #expect(note.text.contains("ops@box (console)"))
        #expect(note.text.contains("assignee: ops@vendor.example"))
        #expect(note.text.contains("Vendor: cancelled (subscription SUB-1)"))
        let key = try #require(await journal.journal.entries.last?.idempotencyKey)
        #expect(!key.isEmpty && note.text.contains("Idempotency key: \(key)"))
        #expect(await journal.undelivered.isEmpty)
    }

    @Test func rejectionsAndReviewsAreNotedAndSecretsNeverLeave() async throws {
        SecretRedactor.register("hunter2-very-secret")
        let engine = self.engine()
        let rejected = await engine.process(
            requestID: Fixtures.request(1).id, decision: .reject(reason: "customer sent hunter2-very-secret"))
        #expect(rejected.kind == .rejected)
        await vendor.script("SUB-2", [.permanent(message: "contract locked", clearRefusal: true, answer: "HTTP 409")])
        #expect(await engine.process(requestID: Fixtures.request(2).id, decision: .approve).kind == .needsReview)
        let notes = await journal.notes
        #expect(notes.map(\.state) == [.rejected, .needsReview])
        let texts = await api.messages.values.flatMap { $0 }.map(\.text)
        #expect(texts.count == 2)
        #expect(texts.allSatisfy { !$0.contains("hunter2-very-secret") })
        #expect(texts.contains { $0.contains("rejected") && $0.contains("Vendor: not called") })
        #expect(texts.contains { $0.contains("needs review") && $0.contains("Vendor: refused") })
    }

    @Test func aFailedPostKeepsTheDecisionAndIsDeliveredByTheNextDrain() async throws {
        let id = Fixtures.request(1).id
        await api.script("post", [ServiceError(service: .connect, kind: .transient, messages: ["503"])])
        let engine = self.engine(mode: .auto)
        let result = await engine.process(requestID: id, decision: .approve)
        #expect(result.kind == .approved)
        #expect(try await api.request(id: id).status == .approved)
        #expect(await api.messages[id] == nil)
        let waiting = await journal.undelivered
        #expect(waiting.count == 1)
        #expect(waiting.first?.attempts == 1)
        #expect(waiting.first?.lastError.contains("503") == true)
        #expect(await engine.deliverPendingAudit() == 1)
        #expect(await api.messages[id]?.count == 1)
        #expect(await journal.undelivered.isEmpty)
        // Delivered once: a further drain posts nothing again.
        #expect(await engine.deliverPendingAudit() == 0)
        #expect(await api.messages[id]?.count == 1)
    }

    @Test func aRetryDoesNotPostTwiceWhenAnEarlierAttemptGotThrough() async throws {
        let id = Fixtures.request(1).id
        let engine = self.engine()
        #expect(await engine.process(requestID: id, decision: .approve).kind == .approved)
        let note = try #require(await journal.notes.first)
        // As if the answer to the post had been lost: the note is still queued, with one failed attempt.
        let other = InMemoryOutboxJournal()
        try await other.record(await journal.journal.entries.last!, queueing: note)
        try await other.auditNoteFailed(ref: note.ref, error: "timeout")
        let retrying = CancelEngine(
            requests: api, vendor: vendor, journal: other, settings: Fixtures.settings(), identity: Fixtures.identity,
            logger: Logger(label: "test"))
        #expect(await retrying.deliverPendingAudit() == 1)
        #expect(await api.messages[id]?.count == 1)
    }

    @Test func attemptsAreBounded() async throws {
        let id = Fixtures.request(1).id
        let failures = Array(
            repeating: ServiceError(service: .connect, kind: .transient, messages: ["down"]),
            count: CancelEngine.auditMaxAttempts + 5)
        await api.script("post", failures)
        let engine = self.engine()
        _ = await engine.process(requestID: id, decision: .approve)
        for _ in 0..<(CancelEngine.auditMaxAttempts + 3) { await engine.deliverPendingAudit() }
        #expect(await journal.notes.first?.attempts == CancelEngine.auditMaxAttempts)
    }
}
