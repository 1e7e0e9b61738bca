import CancelDeskCore
public import Foundation
public import Logging

/// The interactive console. One thread owns the terminal: it reads keys with a short timeout, reduces them
/// and the inbox's background results into the state, and draws only when something changed. Engine calls run
/// as child tasks of ``run(terminal:)``'s task group and report back through the ``ConsoleInbox``, so the
/// screen never waits for the network. Decisions go to the engine's one work-list runner
/// (``ConsoleBackend/run(_:options:shouldStop:)``), one call per confirmed dialog; their results arrive as
/// engine events, and a batch's stop condition is a ``BatchStops`` flag the keys set.
public struct Console: Sendable {
    let backend: any ConsoleBackend
    let keymap: Keymap
    /// In read-only mode, the keymap as it was: a key that would approve or reject gets a warning instead of
    /// silence.
    let removedActions: Keymap?
    let context: ConsoleContext
    let hints: KeyHints
    let logger: Logger
    /// Where background results and engine events arrive; give ``ConsoleInbox/engineEvents`` to the engine.
    public let inbox: ConsoleInbox
    let clock: @Sendable () -> Date
    /// How long one key read waits (ticks and results are handled between reads).
    let keyTimeout: Duration
    /// How long a dialog must be on screen before `y`/Enter confirms it (see ``ConfirmGuard``).
    let confirmDelay: Duration
    /// How many requests of one approve or reject are processed at once.
    let concurrency: Int
    /// The last listing posted, shared with the next one.
    let lastListing = LastListing()
    /// The stop conditions of the batches handed to the engine.
    let stops = BatchStops()

    /// - Parameters:
    ///   - backend: the engine (``CancelEngine`` conforms), or a fake in tests.
    ///   - keymap: the effective keymap; approve and reject are removed from it when `context.readOnly`.
    ///   - hints: key labels and help lines from the same keymap.
    ///   - inbox: create it first when the engine's `events` closure must point at it.
    ///   - logger: the console logs at debug level only; while curses owns the terminal, the logger must not
    ///     write to it.
    public init(
        backend: any ConsoleBackend, keymap: Keymap, context: ConsoleContext, hints: KeyHints, logger: Logger,
        inbox: ConsoleInbox = ConsoleInbox(), clock: @escaping @Sendable () -> Date = Date.init,
        keyTimeout: Duration = .milliseconds(50), concurrency: Int = 4, confirmDelay: Duration = .milliseconds(300)
    ) {
        self.backend = backend
        self.keymap = context.readOnly ? keymap.withoutDestructiveActions() : keymap
        removedActions = context.readOnly ? keymap : nil
        self.context = context
        self.hints = hints
        self.logger = logger
        self.inbox = inbox
        self.clock = clock
        self.keyTimeout = keyTimeout
        self.confirmDelay = confirmDelay
        self.concurrency = max(concurrency, 1)
    }

    /// Runs until the operator quits; restores the terminal (``TerminalDriver/shutdown()``) before returning.
    /// On the way out every batch is stopped: nothing new starts, the requests in flight finish before this
    /// returns; listings still running are cancelled. Returns the process exit code (0).
    public func run(terminal: any TerminalDriver) async -> Int32 {
        let (loads, loadSink) = AsyncStream.makeStream(of: ConsoleCommand.self)
        let (work, workSink) = AsyncStream.makeStream(of: ConsoleCommand.self)
        let owned = OwnedTerminal(terminal)
        let stops = self.stops
        return await withTaskGroup(of: Void.self, returning: Int32.self) { group in
            group.addTask { await serve(loads, cancelWhenDone: true) }
            group.addTask { await serve(work, cancelWhenDone: false) }
            let code = await onTerminalThread(owned) { command in
                switch command {
                case .process, .claim: workSink.yield(command)
                case .stopBatch(let batch): stops.stop(batch)
                default: loadSink.yield(command)
                }
            }
            stops.stop(nil)
            loadSink.finish()
            workSink.finish()
            await group.waitForAll()
            return code
        }
    }

    /// Runs the key loop on a thread of its own (it blocks in key reads, which must never hold a thread of the
    /// cooperative pool) and resumes when it ends.
    private func onTerminalThread(
        _ owned: OwnedTerminal, dispatch: @escaping @Sendable (ConsoleCommand) -> Void
    ) async -> Int32 {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                let loop = ConsoleLoop(console: self, terminal: owned.terminal, dispatch: dispatch)
                continuation.resume(returning: loop.run())
            }
            thread.name = "canceldesk-terminal"
            thread.start()
        }
    }

    /// Starts each command of `stream` as a child task; at the end, cancels what is left or waits for it.
    private func serve(_ stream: AsyncStream<ConsoleCommand>, cancelWhenDone: Bool) async {
        await withTaskGroup(of: Void.self) { group in
            for await command in stream {
                group.addTask { await execute(command) }
            }
            if cancelWhenDone { group.cancelAll() }
        }
    }

    private func execute(_ command: ConsoleCommand) async {
        switch command {
        case .loadSnapshot:
            do {
                let listing = try await backend.listing(
                    keeping: ListedRequest.maker(
                        subscriptionParameter: context.subscriptionParameter, previous: lastListing.current))
                let loaded = LoadedSnapshot(listing, at: clock())
                lastListing.set(loaded.table)
                inbox.post(.snapshotLoaded(loaded))
                // The requests waiting for review, from the journal: marked with why across restarts.
                if let reviews = try? await backend.needingReview() { inbox.post(.reviewsLoaded(reviews)) }
            } catch {
                guard !Task.isCancelled else { return }
                logger.debug("console: listing failed", metadata: ["error": "\(error)"])
                inbox.post(.snapshotFailed(Self.describe(error), at: clock()))
            }
        case .process(let ids, let decision, let expecting, let batch):
            let items = ids.map { WorkItem(requestID: $0, decision: decision, expectedSubscriptionID: expecting[$0]) }
            let stops = self.stops
            _ = await backend.run(
                items, options: QueueOptions(concurrency: concurrency), shouldStop: { stops.isStopped(batch) })
        case .loadRequest(let id):
            do {
                inbox.post(.requestLoaded(try await backend.request(id: id)))
            } catch {
                guard !Task.isCancelled else { return }
                inbox.post(.requestFailed(requestID: id, Self.describe(error)))
            }
        case .loadHistory(let id):
            do {
                let entries: [JournalEntry]
                if let id {
                    entries = try await backend.history(requestID: id)
                } else {
                    entries = try await backend.recentHistory(limit: 1_000)
                }
                inbox.post(.historyLoaded(requestID: id, entries))
            } catch {
                guard !Task.isCancelled else { return }
                inbox.post(.historyFailed(requestID: id, Self.describe(error)))
            }
        case .claim(let id):
            do {
                inbox.post(.claimed(try await backend.claim(requestID: id)))
            } catch {
                inbox.post(.claimFailed(requestID: id, Self.describe(error)))
            }
        case .quit, .stopBatch, .copy:
            break
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? ServiceError { return error.description }
        return String(describing: error)
    }
}

/// The terminal, handed to the one thread that uses it.
private final class OwnedTerminal: @unchecked Sendable {
    // @unchecked: only the console's terminal thread touches `terminal` after the hand-over.
    let terminal: any TerminalDriver

    init(_ terminal: any TerminalDriver) {
        self.terminal = terminal
    }
}
