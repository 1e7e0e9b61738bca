/// Presence through Connect: assigning a request to the configured operator (`connect.assignee`), the soft claim
/// every canceldesk and the portal see.
extension CancelEngine {
    /// Assigns the request to ``EngineSettings/assignee`` and returns it as Connect answered. Throws
    /// ``ServiceError`` (`refused`) when no assignee is configured: canceldesk never assigns by the API token's id.
    public func claim(requestID: String) async throws -> FulfillmentRequest {
        guard let user = settings.assignee else {
            throw ServiceError(
                service: .connect, kind: .refused,
                messages: ["no connect.assignee is configured (the operator's e-mail or Connect user id UR-…)"])
        }
        return try await requests.assign(id: requestID, to: user)
    }

    /// The saga's soft claim: the request as assigned, or nil when assigning failed or nobody is configured.
    func claim(_ requestID: String) async -> FulfillmentRequest? {
        try? await claim(requestID: requestID)
    }
}
