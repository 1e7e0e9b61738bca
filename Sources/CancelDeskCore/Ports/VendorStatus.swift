/// The vendor's outcome as a journal row records it (column `vendor_status`). Stored by raw value: never change one.
///
/// A stored value this version does not know loads as ``other(_:)`` with the text unchanged, so an older or newer
/// journal always opens.
public enum VendorStatus: Sendable, Hashable, RawRepresentable, Codable, CustomStringConvertible {
    /// The vendor cancelled the subscription (`cancelled`).
    case cancelled
    /// The vendor said the subscription was already cancelled (`already_cancelled`).
    case alreadyCancelled
    /// A clear refusal about this subscription, whose message may reach the customer (`refused`).
    case refused
    /// A refusal a person must read first: a 404, a proxy's page, no status (`refused_unclear`).
    case refusedUnclear
    /// The vendor refused canceldesk's credentials (`unauthorized`).
    case unauthorized
    /// A stored value this version does not know (never one of the raw values above).
    case other(String)

    /// Maps a stored value; an unknown one is ``other(_:)``.
    public init(rawValue: String) {
        switch rawValue {
        case "cancelled": self = .cancelled
        case "already_cancelled": self = .alreadyCancelled
        case "refused": self = .refused
        case "refused_unclear": self = .refusedUnclear
        case "unauthorized": self = .unauthorized
        default: self = .other(rawValue)
        }
    }

    /// The stored value.
    public var rawValue: String {
        switch self {
        case .cancelled: "cancelled"
        case .alreadyCancelled: "already_cancelled"
        case .refused: "refused"
        case .refusedUnclear: "refused_unclear"
        case .unauthorized: "unauthorized"
        case .other(let text): text
        }
    }

    /// The journal's column text: empty for none.
    public static func stored(_ text: String) -> VendorStatus? {
        text.isEmpty ? nil : VendorStatus(rawValue: text)
    }

    /// The stored text (Codable as that text too, through `RawRepresentable`).
    public var description: String { rawValue }
}
