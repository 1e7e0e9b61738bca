import Synchronization

/// One worker's read-ahead: the work it took while approving its current request, and that request's read.
final class ReadAheadBox: Sendable {
    private struct State {
        var reserved: QueueBoard.Take?
        var read: (id: String, read: PrefetchedRead)?
    }

    private let state = Mutex(State())

    /// Keeps work taken from the board for this worker's next turn.
    func reserve(_ take: QueueBoard.Take) {
        state.withLock { $0.reserved = take }
    }

    /// The work taken ahead, once.
    func takeReserved() -> QueueBoard.Take? {
        state.withLock { state in
            defer { state.reserved = nil }
            return state.reserved
        }
    }

    func store(_ read: PrefetchedRead, for requestID: String) {
        state.withLock { $0.read = (requestID, read) }
    }

    /// The read made ahead for `requestID`, once; nil when there is none or it is of another request.
    func take(for requestID: String) -> PrefetchedRead? {
        state.withLock { state in
            defer { state.read = nil }
            guard let read = state.read, read.id == requestID else { return nil }
            return read.read
        }
    }
}
