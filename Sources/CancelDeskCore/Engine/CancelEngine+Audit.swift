internal import Foundation

/// The audit trail in Connect: each decision's final journal row queues a private note on the request's
/// conversation (in the same transaction, when the journal keeps an outbox), and the engine posts queued notes
/// after each decision and at the start of each pass. Posting is best effort: a failure leaves the note queued
/// for a later attempt (at most ``auditMaxAttempts``) and never changes the decision or its result.
extension CancelEngine {
    /// Attempts per note before it is given up (it stays in the outbox, marked with its last error).
    public static let auditMaxAttempts = 10
    /// How long delivering notes may hold up the end of a request (wall-clock time).
    static let auditDeliveryBound: Duration = .seconds(3)

    /// The journal's outbox, when it keeps one.
    var auditOutbox: (any AuditOutbox)? { journal as? any AuditOutbox }

    /// Records a saga step. A decision (approved, rejected, needs review) also queues its audit note, atomically.
    func recordStep(_ entry: JournalEntry) async throws {
        guard AuditText.isAudited(entry.state), let outbox = auditOutbox else {
            try await journal.record(entry)
            return
        }
        var vendorStatus = entry.vendorStatus?.rawValue ?? ""
        if vendorStatus.isEmpty, let steps = try? await journal.history(requestID: entry.requestID) {
            vendorStatus = steps.last { $0.vendorStatus != nil }?.vendorStatus?.rawValue ?? ""
        }
        let note = AuditText.note(for: entry, vendorStatus: vendorStatus, assignee: settings.assignee)
        try await outbox.record(entry, queueing: note)
    }

    /// After a request's result: posts what is queued (its note first among the oldest), within a time bound.
    func deliverAudit(after result: RequestResult) async {
        guard auditOutbox != nil, !Task.isCancelled else { return }
        await deliverPendingAudit(limit: 10, within: Self.auditDeliveryBound)
    }

    /// Posts queued audit notes, oldest first, at most `limit`, for at most `bound`; returns how many were
    /// delivered. Call it at the start of a run or pass; the engine also calls it after each decision.
    ///
    /// One drain at a time per outbox in this process (concurrent ones would post a note twice): while one runs,
    /// another call returns 0 at once and the running drain goes round again (at most twice more).
    @discardableResult
    public func deliverPendingAudit(limit: Int = 50, within bound: Duration = .seconds(10)) async -> Int {
        guard let outbox = auditOutbox else { return 0 }
        let gate = ObjectIdentifier(outbox as AnyObject)
        guard AuditDrainGate.shared.enter(gate) else { return 0 }
        var delivered = 0
        var rounds = 0
        repeat {
            rounds += 1
            delivered += await drain(outbox, limit: limit, within: bound)
        } while AuditDrainGate.shared.leave(gate, mayRepeat: rounds < 3)
        return delivered
    }

    /// One round: the pending notes, oldest first, each posted (or its failure noted) until `bound` is spent.
    private func drain(_ outbox: any AuditOutbox, limit: Int, within bound: Duration) async -> Int {
        let notes: [AuditNote]
        do {
            notes = try await outbox.pendingAuditNotes(
                requestID: nil, maxAttempts: Self.auditMaxAttempts, limit: limit)
        } catch {
            logger.warning("audit outbox unreadable", metadata: ["error": "\(SecretRedactor.redact("\(error)"))"])
            return 0
        }
        let deadline = ContinuousClock.now + bound
        var delivered = 0
        for note in notes {
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero, !Task.isCancelled else { break }
            let outcome = await post(note, within: left)
            do {
                switch outcome {
                case .posted:
                    try await outbox.auditNoteDelivered(ref: note.ref, at: wallClock())
                    delivered += 1
                case .failed(let error):
                    try await outbox.auditNoteFailed(ref: note.ref, error: error)
                    logger.notice(
                        "audit note not posted; it stays queued",
                        metadata: ["request": "\(note.requestID)", "error": "\(error)"])
                }
            } catch {
                logger.warning("audit outbox not updated", metadata: ["error": "\(SecretRedactor.redact("\(error)"))"])
            }
        }
        return delivered
    }

    private enum PostOutcome: Sendable {
        case posted
        case failed(String)
    }

    /// Posts `note` as a private message, unless an earlier attempt got it there (its marker is in the
    /// conversation); gives up after `limit`.
    private func post(_ note: AuditNote, within limit: Duration) async -> PostOutcome {
        let requests = self.requests
        return await withTaskGroup(of: PostOutcome?.self) { group in
            group.addTask {
                do {
                    if note.attempts > 0 {
                        let marker = AuditText.marker(note.ref)
                        let messages = try await requests.conversationMessages(requestID: note.requestID)
                        if messages.contains(where: { $0.text.contains(marker) }) { return .posted }
                    }
                    try await requests.postMessage(requestID: note.requestID, text: note.text, visibility: .vendorOnly)
                    return .posted
                } catch {
                    return .failed(CancelSaga.outbound("\(Self.serviceError(error))", limit: 300))
                }
            }
            group.addTask {
                try? await Task.sleep(for: limit)
                return Task.isCancelled ? nil : .failed("no answer within \(limit)")
            }
            var outcome = PostOutcome.failed("not attempted")
            if let first = await group.next(), let first { outcome = first }
            group.cancelAll()
            return outcome
        }
    }
}
