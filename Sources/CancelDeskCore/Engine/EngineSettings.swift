/// What the engine needs to decide: which requests it serves, how to approve them, how to treat vendor refusals.
public struct EngineSettings: Sendable, Equatable {
    /// What `--auto` does when the vendor refuses a cancel permanently.
    public enum VendorRefusalPolicy: String, Sendable, Equatable, CaseIterable {
        /// Leave the request pending and record it for a person (the default).
        case review
        /// Fail the request in Connect with the vendor's message (sanitized, truncated) as the reason.
        case reject
    }

    public var scope: QueueScope
    /// Approve template per product id.
    public var templates: [String: String]
    /// The template for products without their own entry.
    public var defaultTemplate: String?
    /// The fulfillment parameter holding the vendor subscription id.
    public var subscriptionParameter: String
    public var onVendorRefusal: VendorRefusalPolicy
    /// Retries of transient vendor failures, with the same idempotency key.
    public var vendorRetry: RetryPolicy
    /// Shared by every machine of one installation; part of the idempotency key.
    public var keySalt: String
    /// Connect's host; part of the idempotency key.
    public var connectHost: String
    /// Claim a request with Connect's assign (to ``assignee``) before the vendor call, and skip requests
    /// assigned to others.
    public var claimWithAssign: Bool
    /// The Connect user canceldesk assigns requests to and counts as "this operator" (`connect.assignee`): an
    /// e-mail or a user id (`UR-…`), never the API token's `SU-` id. Nil: none configured.
    public var assignee: UserReference?
    /// `--auto` also works requests assigned to someone else (`auto.take_assigned`); by default they are skipped.
    public var takeAssigned: Bool

    public init(
        scope: QueueScope, templates: [String: String] = [:], defaultTemplate: String? = nil,
        subscriptionParameter: String = "subscription_id", onVendorRefusal: VendorRefusalPolicy = .review,
        vendorRetry: RetryPolicy = RetryPolicy(maxAttempts: 5, deadline: .seconds(60)), keySalt: String = "",
        connectHost: String = "", claimWithAssign: Bool = false, assignee: UserReference? = nil,
        takeAssigned: Bool = false
    ) {
        self.assignee = assignee
        self.takeAssigned = takeAssigned
        self.scope = scope
        self.templates = templates
        self.defaultTemplate = defaultTemplate
        self.subscriptionParameter = subscriptionParameter
        self.onVendorRefusal = onVendorRefusal
        self.vendorRetry = vendorRetry
        self.keySalt = keySalt
        self.connectHost = connectHost
        self.claimWithAssign = claimWithAssign
    }

    /// The approve template for a product, if one is configured.
    public func template(forProduct product: String) -> String? {
        templates[product] ?? defaultTemplate
    }

    /// The vendor subscription id of a request, or why it cannot be used. Only well-formed ids are returned:
    /// 1–128 characters, no whitespace, no control or format characters.
    public func subscriptionID(of request: FulfillmentRequest) -> Result<String, SubscriptionIDProblem> {
        guard let parameter = request.parameter(id: subscriptionParameter) else {
            return .failure(.missing(subscriptionParameter))
        }
        let value = parameter.value
        guard !value.isEmpty else { return .failure(.empty(subscriptionParameter)) }
        guard value.count <= 128,
            !value.unicodeScalars.contains(where: {
                TextSanitizer.isDangerous($0) || $0.properties.isWhitespace
            })
        else { return .failure(.malformed(subscriptionParameter, TextSanitizer.clean(value, limit: 40))) }
        return .success(value)
    }
}

/// Why a request's vendor subscription id cannot be used.
public enum SubscriptionIDProblem: Error, Sendable, Equatable, CustomStringConvertible {
    case missing(String)
    case empty(String)
    case malformed(String, String)

    public var description: String {
        switch self {
        case .missing(let parameter): "the subscription parameter \(parameter) is missing"
        case .empty(let parameter): "the subscription parameter \(parameter) is empty"
        case .malformed(let parameter, let value): "the subscription parameter \(parameter) is malformed (\(value))"
        }
    }
}

/// Who is acting, for the journal's audit fields.
public struct AuditIdentity: Sendable, Equatable {
    public var mode: RunMode
    public var osUser: String
    public var host: String
    public var connectUser: String
    /// This process (`host:pid`), written on every journal row.
    public var owner: String

    public init(mode: RunMode, osUser: String, host: String, connectUser: String, owner: String = "") {
        self.mode = mode
        self.osUser = osUser
        self.host = host
        self.connectUser = connectUser
        self.owner = owner
    }
}
