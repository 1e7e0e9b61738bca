import Synchronization

/// The stop conditions of the console's batches: the progress dialog's stop key stops one, quitting stops all.
/// Read by the engine's workers (any task), set from the terminal thread.
final class BatchStops: Sendable {
    private struct State {
        var stopped: Set<Int> = []
        var all = false
    }

    private let state = Mutex(State())

    /// Stops `batch`, or every batch (those to come too) when nil.
    func stop(_ batch: Int?) {
        state.withLock { state in
            if let batch { state.stopped.insert(batch) } else { state.all = true }
        }
    }

    /// Whether `batch` may start nothing new.
    func isStopped(_ batch: Int) -> Bool {
        state.withLock { $0.all || $0.stopped.contains(batch) }
    }
}
