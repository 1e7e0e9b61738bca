/// Connect's side of a journal row (column `connect_outcome`). Stored by raw value: never change one.
///
/// Raw values: a request status (`approved`, `failed`, `revoked`, …), `approved again`, `refused`, each of the
/// first two optionally followed by ` (confirmed by re-read)`. A stored value this version does not know loads as
/// ``other(_:)`` with the text unchanged, so an older or newer journal always opens.
public enum ConnectOutcome: Sendable, Hashable, RawRepresentable, Codable, CustomStringConvertible {
    /// Connect answered, or showed, this status. `confirmedByReread`: the action's answer was lost or ambiguous
    /// and a re-read showed it applied. Never holds ``RequestStatus/unknown(_:)`` (such a value is ``other(_:)``;
    /// build one from a status with ``shown(_:)``).
    case status(RequestStatus, confirmedByReread: Bool = false)
    /// The journal said approved but Connect still showed the request pending: approved again.
    case approvedAgain(confirmedByReread: Bool = false)
    /// Connect refused the approve or fail.
    case refused
    /// A value this version does not know (never one of the forms above).
    case other(String)

    private static let confirmedSuffix = " (confirmed by re-read)"

    /// The outcome "Connect shows `status`"; an unknown status is kept as ``other(_:)``.
    public static func shown(_ status: RequestStatus) -> ConnectOutcome {
        ConnectOutcome(rawValue: status.wireValue)
    }

    /// Maps a stored value; an unknown one is ``other(_:)``.
    public init(rawValue: String) {
        let confirmed = rawValue.hasSuffix(Self.confirmedSuffix)
        let base = confirmed ? String(rawValue.dropLast(Self.confirmedSuffix.count)) : rawValue
        switch base {
        case "approved again": self = .approvedAgain(confirmedByReread: confirmed)
        case "refused" where !confirmed: self = .refused
        default:
            let status = RequestStatus(wireValue: base)
            if case .unknown = status {
                self = .other(rawValue)
            } else {
                self = .status(status, confirmedByReread: confirmed)
            }
        }
    }

    /// The stored value.
    public var rawValue: String {
        switch self {
        case .status(let status, let confirmed): status.wireValue + (confirmed ? Self.confirmedSuffix : "")
        case .approvedAgain(let confirmed): "approved again" + (confirmed ? Self.confirmedSuffix : "")
        case .refused: "refused"
        case .other(let text): text
        }
    }

    /// The journal's column text: empty for none.
    public static func stored(_ text: String) -> ConnectOutcome? {
        text.isEmpty ? nil : ConnectOutcome(rawValue: text)
    }

    /// The stored text (Codable as that text too, through `RawRepresentable`).
    public var description: String { rawValue }
}
