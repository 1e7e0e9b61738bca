import CancelDeskCore
import CancelDeskTUI
import ConnectClient

/// The console's backend from the first frame on: Connect's `/auth/context` is read on the first call (once, no
/// retries, through ``AppEnvironment/probe``) and again on each later call until it answers, so while Connect
/// cannot be reached the console is on screen with the error and its own retry countdown instead of a blank
/// screen. Once Connect answered, every call goes to the one engine made with the Connect user in its identity.
actor StartingBackend: ConsoleBackend {
    private let app: AppEnvironment
    private let inbox: ConsoleInbox
    private var engine: CancelEngine?
    /// Why reaching Connect failed last, while no engine exists.
    private(set) var failure: (any Error)?
    /// Failed attempts so far: the first two use the quick probe (a short connect deadline, so the screen shows a
    /// refused or silent Connect within seconds), later ones the configured deadline (a slow network still gets
    /// through).
    private var failures = 0

    init(app: AppEnvironment, inbox: ConsoleInbox) {
        self.app = app
        self.inbox = inbox
    }

    /// True once Connect answered and the engine exists.
    var isReady: Bool { engine != nil }

    /// The engine, made once Connect answered `/auth/context`; the call's error when it did not.
    func ready() async throws -> CancelEngine {
        if let engine { return engine }
        let context: AuthContext?
        do {
            let client = failures < 2 ? (app.quickProbe ?? app.probe) : app.probe
            // A 403/404 there leaves only the account name unknown: the console works without it.
            context = try await AppEnvironment.accountContext(client, logger: app.logger)
        } catch {
            if engine == nil {
                failure = error
                failures += 1
            }
            throw error
        }
        // Another call may have got there first while this one waited: there is only ever one engine.
        if let engine { return engine }
        let resolved = app.resolved(context)
        let made = resolved.engine(events: inbox.engineEvents)
        engine = made
        failure = nil
        inbox.post(.accountResolved(resolved.accountLabel))
        return made
    }

    nonisolated func listing<Row: Sendable>(
        keeping row: @escaping @Sendable (FulfillmentRequest) -> Row
    ) async throws -> RequestListing<Row> {
        try await ready().listing(keeping: row)
    }

    nonisolated func request(id: String) async throws -> FulfillmentRequest {
        try await ready().request(id: id)
    }

    nonisolated func run(
        _ items: [WorkItem], options: QueueOptions, shouldStop: @escaping @Sendable () -> Bool
    ) async -> RunSummary {
        // A decision needs a listed request, so Connect has answered; should it not have, the engine is made now
        // or nothing is started.
        let engine: CancelEngine
        do {
            engine = try await ready()
        } catch {
            // Nothing was started or recorded: the requests stay pending in Connect for a later decision.
            inbox.engineEvents(
                .notStarted(
                    requestIDs: items.map(\.requestID),
                    reason: "Connect could not be reached (\(ConsoleRun.describe(error)))"))
            return RunSummary()
        }
        return await engine.run(items, options: options, shouldStop: shouldStop)
    }

    nonisolated func needingReview() async throws -> [JournalEntry] {
        try await ready().needingReview()
    }

    nonisolated func claim(requestID: String) async throws -> FulfillmentRequest {
        try await ready().claim(requestID: requestID)
    }

    nonisolated func history(requestID: String) async throws -> [JournalEntry] {
        try await ready().history(requestID: requestID)
    }

    nonisolated func recentHistory(limit: Int) async throws -> [JournalEntry] {
        try await ready().recentHistory(limit: limit)
    }
}
