internal import Foundation

/// A flag that is raised once and can be awaited: waiting returns as soon as `signal()` has been called, before
/// or after. Safe from any thread; waiting suspends the task and holds no thread.
final class OneShotSignal: @unchecked Sendable {
    // State guarded by `lock`.
    private let lock = NSLock()
    private var raised = false
    private var nextWaiter: UInt64 = 0
    private var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]

    init() {}

    /// Raises the flag and wakes every waiter; later calls do nothing.
    func signal() {
        lock.lock()
        guard !raised else {
            lock.unlock()
            return
        }
        raised = true
        let woken = waiters.values
        waiters = [:]
        lock.unlock()
        for waiter in woken { waiter.resume() }
    }

    var isRaised: Bool {
        lock.lock()
        defer { lock.unlock() }
        return raised
    }

    /// Returns once the flag is raised, or early when the task is cancelled (check ``isRaised``).
    func wait() async {
        let id = lock.withLock {
            defer { nextWaiter += 1 }
            return nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                lock.lock()
                if raised || Task.isCancelled {
                    lock.unlock()
                    continuation.resume()
                } else {
                    waiters[id] = continuation
                    lock.unlock()
                }
            }
        } onCancel: {
            lock.lock()
            let waiter = waiters.removeValue(forKey: id)
            lock.unlock()
            waiter?.resume()
        }
    }

    /// Returns once the flag is raised, even if the task is cancelled meanwhile.
    func waitUntilRaised() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            lock.lock()
            if raised {
                lock.unlock()
                continuation.resume()
            } else {
                waiters[nextWaiter] = continuation
                nextWaiter += 1
                lock.unlock()
            }
        }
    }
}
