public import CancelDeskCore
import Foundation

/// Where background work reports to the terminal thread: any task posts, the run loop drains between keys.
/// Posting never blocks for longer than an append.
public final class ConsoleInbox: @unchecked Sendable {
    // @unchecked: every access to `events` holds `lock`.
    private let lock = NSLock()
    private var events: [ConsoleEvent] = []

    /// An empty inbox.
    public init() {}

    /// Queues an event for the terminal thread.
    public func post(_ event: ConsoleEvent) {
        lock.withLock { events.append(event) }
    }

    /// Engine progress for the console: pass this as the engine's `events` closure.
    public var engineEvents: @Sendable (EngineEvent) -> Void {
        { [weak self] event in self?.post(.engine(event)) }
    }

    /// Everything queued so far, oldest first.
    func drain() -> [ConsoleEvent] {
        lock.withLock {
            let drained = events
            events.removeAll(keepingCapacity: true)
            return drained
        }
    }
}
