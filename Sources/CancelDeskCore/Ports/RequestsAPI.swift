public import Foundation

/// The Connect requests capability canceldesk needs: list the queue, read one request, act on it.
///
/// Implementations never retry approve or fail blindly: they reconcile from the request's status and report
/// the outcome as an ``ActionOutcome``. Errors are ``ServiceError``s.
public protocol RequestsAPI: Sendable {
    /// A snapshot of every pending cancel request in `scope`, re-checked client-side, taken before acting.
    func pendingCancelRequests(in scope: QueueScope) async throws -> RequestSnapshot
    /// The same listing, each request reduced to `row(request)` as soon as its page is decoded (see
    /// ``RequestListing``). A default builds it from the full snapshot.
    func pendingCancelRequests<Row: Sendable>(
        in scope: QueueScope, keeping row: @escaping @Sendable (FulfillmentRequest) -> Row
    ) async throws -> RequestListing<Row>
    /// Reads one request as it is now.
    func request(id: String) async throws -> FulfillmentRequest
    /// Approves a pending request with the given template.
    func approve(id: String, templateID: String) async throws -> ActionOutcome
    /// Fails (rejects) a pending request with a reason the customer sees.
    func fail(id: String, reason: String) async throws -> ActionOutcome
    /// Assigns a request to a user (a soft claim: Connect does not lock assigned requests).
    func assign(id: String, to user: UserReference) async throws -> FulfillmentRequest
    /// The product's templates (to check or pick the approve template).
    func templates(productID: String) async throws -> [Template]
    /// Posts a message to the request's conversation.
    func postMessage(requestID: String, text: String, visibility: MessageVisibility) async throws
    /// The messages of the request's conversation, oldest first (`GET /conversations/{id}/messages`).
    func conversationMessages(requestID: String) async throws -> [ConversationMessage]
    /// Who the API key belongs to (`GET /auth/context`); also a cheap credential check.
    func authContext() async throws -> AuthContext
}

/// Which pending cancel requests canceldesk serves. Products are required: never "all products".
public struct QueueScope: Sendable, Equatable {
    public var products: [String]
    public var environments: [ConnectionType]
    /// Marketplace ids; empty means every marketplace.
    public var marketplaces: [String]

    public init(products: [String], environments: [ConnectionType] = ConnectionType.known, marketplaces: [String] = [])
    {
        self.products = products
        self.environments = environments
        self.marketplaces = marketplaces
    }

    /// Why `request` is outside this scope, or nil when canceldesk may act on it.
    public func mismatch(_ request: FulfillmentRequest) -> String? {
        if request.type != .cancel { return "type is \(request.type), not cancel" }
        if request.status != .pending { return "status is \(request.status), not pending" }
        if !products.contains(request.asset.product.id) { return "product \(request.asset.product.id) is not served" }
        if !environments.contains(request.asset.connection.type) {
            return "connection type \(request.asset.connection.type) is not served"
        }
        if !marketplaces.isEmpty {
            let marketplace = request.marketplace?.id ?? request.asset.marketplace?.id ?? ""
            if !marketplaces.contains(marketplace) { return "marketplace \(marketplace) is not served" }
        }
        return nil
    }
}

/// A listing of pending cancel requests, frozen before anything is acted on.
public struct RequestSnapshot: Sendable, Equatable {
    /// The requests, oldest first, each id once.
    public var requests: [FulfillmentRequest]
    /// Records that were left out, with why: malformed, or outside the scope despite the server's filter.
    public var skipped: [SkippedRecord]
    /// The total the server reported for the query.
    public var reportedTotal: Int

    public init(requests: [FulfillmentRequest], skipped: [SkippedRecord] = [], reportedTotal: Int) {
        self.requests = requests
        self.skipped = skipped
        self.reportedTotal = reportedTotal
    }
}

/// A record left out of a listing, and why.
public struct SkippedRecord: Sendable, Equatable {
    /// Why a record was left out.
    public enum Cause: Sendable, Equatable {
        /// It could not be decoded or lacks a required field.
        case malformed
        /// The server returned it although it is outside the scope.
        case outOfScope
    }

    /// The record's id, when one could be read.
    public var id: String?
    public var cause: Cause
    public var detail: String

    public init(id: String?, cause: Cause, detail: String) {
        self.id = id
        self.cause = cause
        self.detail = detail
    }
}

/// What an approve or fail call ended as, after reconciling with the request's status when needed.
public enum ActionOutcome: Sendable, Equatable {
    /// Our call moved the request to the target status.
    case done(FulfillmentRequest)
    /// The request was already in the target status (an earlier attempt of ours, or someone else).
    case alreadyDone(FulfillmentRequest)
    /// The request is in another terminal or non-actionable status: a person must look at it.
    case conflict(FulfillmentRequest, detail: String)

    /// The request as last read.
    public var request: FulfillmentRequest {
        switch self {
        case .done(let request), .alreadyDone(let request), .conflict(let request, _): request
        }
    }
}

/// A user to assign a request to.
public enum UserReference: Sendable, Equatable {
    case id(String)
    case email(String)
}

/// Who can read a conversation message.
public enum MessageVisibility: Sendable, Equatable {
    /// Visible to every account on the request.
    case everyone
    /// Visible to the vendor's own users only.
    case vendorOnly
}

/// A product template (the approve template must be one of these).
public struct Template: Sendable, Equatable {
    /// Which templates exist.
    public enum Kind: Sendable, Equatable {
        case fulfillment, inquire, pending
        case unknown(String)
    }

    public var id: String
    public var name: String
    public var scope: String
    public var kind: Kind

    public init(id: String, name: String, scope: String, kind: Kind) {
        self.id = id
        self.name = name
        self.scope = scope
        self.kind = kind
    }
}

/// Who the API key belongs to.
public struct AuthContext: Sendable, Equatable {
    public var accountID: String
    public var accountName: String
    public var userID: String
    public var userName: String

    public init(accountID: String, accountName: String, userID: String, userName: String) {
        self.accountID = accountID
        self.accountName = accountName
        self.userID = userID
        self.userName = userName
    }
}

/// One message of a request's conversation, as Connect has it (text from the network: sanitize before showing).
public struct ConversationMessage: Sendable, Equatable {
    /// Who can read a message.
    public enum Kind: Sendable, Equatable {
        /// Visible to every account on the request.
        case message
        /// Visible to the vendor's own users only.
        case privateNote
        /// Connect's record of a status change.
        case stateChange
        case unknown(String)
    }

    public var id: String
    public var created: Date?
    /// The author's name (or id), when Connect names one.
    public var creator: String
    public var text: String
    public var kind: Kind

    public init(id: String, created: Date?, creator: String = "", text: String, kind: Kind) {
        self.id = id
        self.created = created
        self.creator = creator
        self.text = text
        self.kind = kind
    }
}

extension RequestsAPI {
    /// The messages of the request's conversation, oldest first. The default (an adapter without conversations)
    /// has none.
    public func conversationMessages(requestID: String) async throws -> [ConversationMessage] { [] }
}
