public import CancelDeskCore
import Foundation

/// A fake Connect with behaviour: pending → approved/failed, reconciled outcomes, scripted failures.
public actor InMemoryRequestsAPI: RequestsAPI {
    public private(set) var requests: [String: FulfillmentRequest]
    public private(set) var approveCalls: [String] = []
    public private(set) var failCalls: [(id: String, reason: String)] = []
    /// Every `request(id:)` call, in order.
    public private(set) var readCalls: [String] = []
    /// Errors thrown by the next calls of an operation ("read", "approve", "fail", "list"), first first.
    private var scripted: [String: [ServiceError]] = [:]
    /// When true, approve and fail take effect and then throw a transient error (a lost response).
    private var loseResponses = false
    /// Reads of a request answered with another request's body (a hostile or broken Connect).
    private var substitutes: [String: FulfillmentRequest] = [:]
    /// Subscription ids changed right after the next listing (someone edits the asset meanwhile).
    private var changesAfterListing: [String: String] = [:]
    /// When true, listing waits until its task is cancelled, then throws.
    private var hangListing = false

    public init(_ requests: [FulfillmentRequest]) {
        self.requests = Dictionary(uniqueKeysWithValues: requests.map { ($0.id, $0) })
    }

    public func script(_ operation: String, _ errors: [ServiceError]) {
        scripted[operation, default: []] += errors
    }

    public func setLoseResponses(_ lose: Bool) {
        loseResponses = lose
    }

    /// Answers every read of `id` with `other` instead.
    public func answerReads(of id: String, with other: FulfillmentRequest) {
        substitutes[id] = other
    }

    /// Changes the vendor subscription id of a request behind canceldesk's back.
    public func setSubscription(_ id: String, to subscriptionID: String) {
        guard var request = requests[id] else { return }
        request.asset.params.removeAll { $0.id == "subscription_id" }
        request.asset.params.append(Parameter(id: "subscription_id", phase: .fulfillment, value: subscriptionID))
        requests[id] = request
    }

    /// Right after the next listing, the request's subscription id becomes `subscriptionID`.
    public func changeSubscriptionAfterListing(_ id: String, to subscriptionID: String) {
        changesAfterListing[id] = subscriptionID
    }

    /// Listing hangs until its task is cancelled.
    public func setHangListing(_ hang: Bool) {
        hangListing = hang
    }

    /// Changes a request behind canceldesk's back (another operator).
    public func set(_ id: String, status: RequestStatus) {
        requests[id]?.status = status
    }

    private func next(_ operation: String) throws {
        if var errors = scripted[operation], !errors.isEmpty {
            let error = errors.removeFirst()
            scripted[operation] = errors
            throw error
        }
    }

    public func pendingCancelRequests(in scope: QueueScope) async throws -> RequestSnapshot {
        try next("list")
        if hangListing {
            try await Task.sleep(for: .seconds(3_600))
        }
        let matching = requests.values.filter { scope.mismatch($0) == nil }.sorted { $0.created < $1.created }
        for (id, subscriptionID) in changesAfterListing { setSubscription(id, to: subscriptionID) }
        changesAfterListing = [:]
        return RequestSnapshot(requests: matching, reportedTotal: matching.count)
    }

    public func request(id: String) async throws -> FulfillmentRequest {
        readCalls.append(id)
        try next("read")
        if let other = substitutes[id] { return other }
        guard let request = requests[id] else { throw ServiceError(service: .connect, kind: .notFound) }
        return request
    }

    public func approve(id: String, templateID: String) async throws -> ActionOutcome {
        approveCalls.append(id)
        return try act(id, operation: "approve", target: .approved)
    }

    public func fail(id: String, reason: String) async throws -> ActionOutcome {
        failCalls.append((id, reason))
        return try act(id, operation: "fail", target: .failed)
    }

    private func act(_ id: String, operation: String, target: RequestStatus) throws -> ActionOutcome {
        try next(operation)
        guard var request = requests[id] else { throw ServiceError(service: .connect, kind: .notFound) }
        if request.status == target { return .alreadyDone(request) }
        guard request.status == .pending || request.status == .inquiring else {
            return .conflict(request, detail: "request is \(request.status)")
        }
        request.status = target
        request.asset.status = target == .approved ? .terminated : .active
        requests[id] = request
        if loseResponses { throw ServiceError(service: .connect, kind: .transient, messages: ["outcome unknown"]) }
        return .done(request)
    }

    public func assign(id: String, to user: UserReference) async throws -> FulfillmentRequest {
        guard var request = requests[id] else { throw ServiceError(service: .connect, kind: .notFound) }
        switch user {
        case .id(let userID): request.assignee = .user(id: userID, name: nil, email: nil)
        case .email(let email): request.assignee = .user(id: nil, name: nil, email: email)
        }
        assignCalls.append((id, user))
        requests[id] = request
        return request
    }

    public func templates(productID: String) async throws -> [Template] { [] }

    /// Every assign call, in order.
    public private(set) var assignCalls: [(id: String, user: UserReference)] = []
    /// The messages posted per request (errors scripted for "post" fail a post before it lands).
    public private(set) var messages: [String: [ConversationMessage]] = [:]

    /// Assigns a request behind canceldesk's back (another operator).
    public func setAssignee(_ id: String, _ assignee: Assignee) {
        requests[id]?.assignee = assignee
    }

    public func postMessage(requestID: String, text: String, visibility: MessageVisibility) async throws {
        try next("post")
        let kind: ConversationMessage.Kind = visibility == .vendorOnly ? .privateNote : .message
        let count = messages[requestID, default: []].count
        messages[requestID, default: []].append(
            ConversationMessage(
                id: "ME-\(count)", created: Date(timeIntervalSince1970: 1_000 + Double(count)), text: text,
                kind: kind))
    }

    public func conversationMessages(requestID: String) async throws -> [ConversationMessage] {
        try next("messages")
        return messages[requestID] ?? []
    }

    public func authContext() async throws -> AuthContext {
        AuthContext(accountID: "VA-1", accountName: "Vendor", userID: "SU-1", userName: "canceldesk")
    }
}
