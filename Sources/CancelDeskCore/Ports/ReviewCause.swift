/// Why a request was left for a person (a ``DecisionState/needsReview`` row). Stored by raw value: never rename a
/// case. A row written before causes were recorded, or by a newer version with a cause this one does not know,
/// reads as ``unknown``.
public enum ReviewCause: String, Sendable, Equatable, CaseIterable, Codable {
    /// The vendor clearly refused the cancel; the row's `vendorMessage` holds its message.
    case vendorRefusal = "vendor_refusal"
    /// The subscription parameter is missing, empty or malformed.
    case missingParameter = "missing_parameter"
    /// The subscription id is not the one the decision (or an earlier step) was built on.
    case subscriptionMismatch = "subscription_mismatch"
    /// Connect contradicts the saga (another status than expected, or it refused approve or fail).
    case connectConflict = "connect_conflict"
    /// An outcome canceldesk cannot be sure of (an ambiguous vendor refusal, an unreadable answer).
    case unclearOutcome = "unclear_outcome"
    /// No approve template is configured for the request's product.
    case missingTemplate = "missing_template"
    /// Not recorded (an older row) or not known to this version.
    case unknown

    /// The stored text read back: an empty or unknown value is ``unknown``.
    public init(stored: String) {
        self = ReviewCause(rawValue: stored) ?? .unknown
    }

    /// The cause in words, for people.
    public var label: String {
        switch self {
        case .vendorRefusal: "vendor refusal"
        case .missingParameter: "missing parameter"
        case .subscriptionMismatch: "subscription mismatch"
        case .connectConflict: "Connect conflict"
        case .unclearOutcome: "unclear outcome"
        case .missingTemplate: "missing template"
        case .unknown: "unknown"
        }
    }
}
