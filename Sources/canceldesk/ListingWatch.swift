import CancelDeskCore
import Synchronization

/// The Connect adapter, passed through, remembering why the last listing failed: `--auto` prints that reason
/// (text and JSON) when a pass ends on a listing failure (the engine's summary only counts it).
final class ListingWatch: RequestsAPI {
    let base: any RequestsAPI
    private let failure = Mutex<String?>(nil)

    init(_ base: any RequestsAPI) {
        self.base = base
    }

    /// The last listing failure, redacted and sanitized, and forgets it (one pass at a time).
    func takeFailure() -> String? {
        failure.withLock { value in
            defer { value = nil }
            return value
        }
    }

    private func remember(_ error: any Error) {
        let text = TextSanitizer.clean(SecretRedactor.redact(String(describing: error)), limit: 500)
        failure.withLock { $0 = text }
    }

    func pendingCancelRequests(in scope: QueueScope) async throws -> RequestSnapshot {
        do {
            return try await base.pendingCancelRequests(in: scope)
        } catch {
            remember(error)
            throw error
        }
    }

    func pendingCancelRequests<Row: Sendable>(
        in scope: QueueScope, keeping row: @escaping @Sendable (FulfillmentRequest) -> Row
    ) async throws -> RequestListing<Row> {
        do {
            return try await base.pendingCancelRequests(in: scope, keeping: row)
        } catch {
            remember(error)
            throw error
        }
    }

    func request(id: String) async throws -> FulfillmentRequest { try await base.request(id: id) }

    func approve(id: String, templateID: String) async throws -> ActionOutcome {
        try await base.approve(id: id, templateID: templateID)
    }

    func fail(id: String, reason: String) async throws -> ActionOutcome { try await base.fail(id: id, reason: reason) }

    func assign(id: String, to user: UserReference) async throws -> FulfillmentRequest {
        try await base.assign(id: id, to: user)
    }

    func unassign(id: String) async throws -> FulfillmentRequest { try await base.unassign(id: id) }

    func templates(productID: String) async throws -> [Template] { try await base.templates(productID: productID) }

    func postMessage(requestID: String, text: String, visibility: MessageVisibility) async throws {
        try await base.postMessage(requestID: requestID, text: text, visibility: visibility)
    }

    func authContext() async throws -> AuthContext { try await base.authContext() }
}
