/// The status of a Connect fulfillment request.
public enum RequestStatus: Sendable, Hashable, CustomStringConvertible {
    case draft, tiersSetup, pending, inquiring, approved, failed, scheduled, revoking, revoked
    /// A status this version does not know; never acted on.
    case unknown(String)

    /// Maps Connect's wire value (`tiers_setup`, `pending`, …).
    public init(wireValue: String) {
        switch wireValue {
        case "draft": self = .draft
        case "tiers_setup": self = .tiersSetup
        case "pending": self = .pending
        case "inquiring": self = .inquiring
        case "approved": self = .approved
        case "failed": self = .failed
        case "scheduled": self = .scheduled
        case "revoking": self = .revoking
        case "revoked": self = .revoked
        default: self = .unknown(wireValue)
        }
    }

    /// Connect's wire value.
    public var wireValue: String {
        switch self {
        case .draft: "draft"
        case .tiersSetup: "tiers_setup"
        case .pending: "pending"
        case .inquiring: "inquiring"
        case .approved: "approved"
        case .failed: "failed"
        case .scheduled: "scheduled"
        case .revoking: "revoking"
        case .revoked: "revoked"
        case .unknown(let value): value
        }
    }

    /// True for statuses no action can leave.
    public var isTerminal: Bool {
        switch self {
        case .approved, .failed, .revoked: true
        default: false
        }
    }

    public var description: String { wireValue }
}

/// The type of a Connect fulfillment request.
public enum RequestType: Sendable, Hashable, CustomStringConvertible {
    case purchase, change, suspend, resume, cancel, adjustment, renew, transfer
    /// A type this version does not know; never acted on.
    case unknown(String)

    /// Maps Connect's wire value.
    public init(wireValue: String) {
        switch wireValue {
        case "purchase": self = .purchase
        case "change": self = .change
        case "suspend": self = .suspend
        case "resume": self = .resume
        case "cancel": self = .cancel
        case "adjustment": self = .adjustment
        case "renew": self = .renew
        case "transfer": self = .transfer
        default: self = .unknown(wireValue)
        }
    }

    /// Connect's wire value.
    public var wireValue: String {
        switch self {
        case .purchase: "purchase"
        case .change: "change"
        case .suspend: "suspend"
        case .resume: "resume"
        case .cancel: "cancel"
        case .adjustment: "adjustment"
        case .renew: "renew"
        case .transfer: "transfer"
        case .unknown(let value): value
        }
    }

    public var description: String { wireValue }
}

/// The status of a subscription (asset).
public enum AssetStatus: Sendable, Hashable, CustomStringConvertible {
    case draft, new, processing, active, terminating, suspended, terminated, rejected
    /// A status this version does not know.
    case unknown(String)

    /// Maps Connect's wire value.
    public init(wireValue: String) {
        switch wireValue {
        case "draft": self = .draft
        case "new": self = .new
        case "processing": self = .processing
        case "active": self = .active
        case "terminating": self = .terminating
        case "suspended": self = .suspended
        case "terminated": self = .terminated
        case "rejected": self = .rejected
        default: self = .unknown(wireValue)
        }
    }

    /// Connect's wire value.
    public var wireValue: String {
        switch self {
        case .draft: "draft"
        case .new: "new"
        case .processing: "processing"
        case .active: "active"
        case .terminating: "terminating"
        case .suspended: "suspended"
        case .terminated: "terminated"
        case .rejected: "rejected"
        case .unknown(let value): value
        }
    }

    public var description: String { wireValue }
}

/// The kind of hub connection a subscription was sold through.
public enum ConnectionType: Sendable, Hashable, CustomStringConvertible {
    case preview, test, production
    /// A type this version does not know; never in a configured scope.
    case unknown(String)

    /// Every known connection type, in the order operators list them.
    public static let known: [ConnectionType] = [.preview, .test, .production]

    /// Maps Connect's wire value.
    public init(wireValue: String) {
        switch wireValue {
        case "preview": self = .preview
        case "test": self = .test
        case "production": self = .production
        default: self = .unknown(wireValue)
        }
    }

    /// Connect's wire value.
    public var wireValue: String {
        switch self {
        case .preview: "preview"
        case .test: "test"
        case .production: "production"
        case .unknown(let value): value
        }
    }

    public var description: String { wireValue }
}

/// The phase a parameter belongs to.
public enum ParameterPhase: Sendable, Hashable, CustomStringConvertible {
    case ordering, fulfillment, configuration
    /// No phase in the payload (the spec omits it) or one this version does not know.
    case unknown(String)

    /// Maps Connect's wire value; a missing phase maps to `.unknown("")`.
    public init(wireValue: String?) {
        switch wireValue {
        case "ordering": self = .ordering
        case "fulfillment": self = .fulfillment
        case "configuration": self = .configuration
        default: self = .unknown(wireValue ?? "")
        }
    }

    /// Connect's wire value.
    public var wireValue: String {
        switch self {
        case .ordering: "ordering"
        case .fulfillment: "fulfillment"
        case .configuration: "configuration"
        case .unknown(let value): value
        }
    }

    public var description: String { wireValue }
}
