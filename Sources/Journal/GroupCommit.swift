import GRDB
import Synchronization

/// Group commit for the journal's writes: every write submitted while the single writer is busy joins the next
/// transaction, so N concurrent writers pay for one fsync instead of N queued ones.
///
/// Durability is unchanged: each write runs in a savepoint of one `IMMEDIATE` transaction, and its caller is resumed
/// only after that transaction has committed (with `synchronous=FULL`, after the fsync). A write whose body throws is
/// rolled back alone (its savepoint) and reported to its caller; when the commit itself fails, every write of the
/// batch is reported as failed, so no caller goes on to a remote step its row does not back. Writes run in the order
/// they were submitted, so a claim (`recordIfUnclaimed`) sees every write batched before it.
final class GroupCommit: Sendable {
    /// One submitted write: its body, and how to tell its caller the outcome once the batch is committed.
    private struct Pending: Sendable {
        var body: @Sendable (Database) throws -> any Sendable
        var resume: @Sendable (Result<any Sendable, any Error>) -> Void
    }

    private struct Queue {
        var pending: [Pending] = []
        /// A drain is queued on the writer and has not yet taken the pending writes.
        var drainQueued = false
    }

    private let pool: DatabasePool
    private let queue = Mutex(Queue())

    init(pool: DatabasePool) {
        self.pool = pool
    }

    /// Runs `body` in the next batch and returns its result once the batch is committed.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let pending = Pending(
                body: { db in try body(db) },
                resume: { result in
                    continuation.resume(
                        with: result.flatMap { value in
                            // Always a T: `body` above put it there.
                            (value as? T).map { .success($0) } ?? .failure(GroupCommitError.notRun)
                        })
                })
            let queueDrain = queue.withLock { queue -> Bool in
                queue.pending.append(pending)
                if queue.drainQueued { return false }
                queue.drainQueued = true
                return true
            }
            if queueDrain {
                pool.asyncWriteWithoutTransaction { db in self.drain(db) }
            }
        }
    }

    /// Commits every write pending now in one transaction, then resumes their callers.
    private func drain(_ db: Database) {
        let batch = queue.withLock { queue -> [Pending] in
            queue.drainQueued = false
            defer { queue.pending.removeAll() }
            return queue.pending
        }
        guard !batch.isEmpty else { return }
        var outcomes: [Result<any Sendable, any Error>] = []
        outcomes.reserveCapacity(batch.count)
        do {
            try db.inTransaction(.immediate) {
                for write in batch {
                    var outcome: Result<any Sendable, any Error> = .failure(GroupCommitError.notRun)
                    do {
                        try db.inSavepoint {
                            outcome = .success(try write.body(db))
                            return .commit
                        }
                    } catch {
                        outcome = .failure(error)
                    }
                    outcomes.append(outcome)
                }
                return .commit
            }
        } catch {
            outcomes = batch.map { _ in .failure(error) }
        }
        for (write, outcome) in zip(batch, outcomes) { write.resume(outcome) }
    }
}

/// A batched write that never ran (not expected: every write of a batch runs or the batch fails as a whole).
enum GroupCommitError: Error, CustomStringConvertible {
    case notRun

    var description: String { "the write did not run" }
}
