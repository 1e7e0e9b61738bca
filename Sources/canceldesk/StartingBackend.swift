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
        let context: AuthContext
        do {
            let client = failures < 2 ? (app.quickProbe ?? app.probe) : app.probe
            context = try await client.authContext()
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

    nonisolated func process(
        requestID: String, decision: Decision, dryRun: Bool, expecting subscriptionID: String?
    ) async -> RequestResult {
        // A decision needs a listed request, so Connect has answered; should it not have, the engine is made now
        // or the error is the result.
        let engine: CancelEngine
        do {
            engine = try await ready()
        } catch {
            // Nothing was started or recorded: the request stays pending in Connect for a later decision.
            let service = (error as? ServiceError)?.service ?? .connect
            return RequestResult(
                requestID: requestID, kind: .failed,
                detail: "not started: Connect could not be reached (\(ConsoleRun.describe(error)))",
                cause: .unavailable(service))
        }
        return await engine.process(
            requestID: requestID, decision: decision, dryRun: dryRun, expecting: subscriptionID)
    }

    nonisolated func history(requestID: String) async throws -> [JournalEntry] {
        try await ready().history(requestID: requestID)
    }

    nonisolated func recentHistory(limit: Int) async throws -> [JournalEntry] {
        try await ready().recentHistory(limit: limit)
    }
}
