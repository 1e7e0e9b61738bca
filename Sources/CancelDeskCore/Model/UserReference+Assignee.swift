internal import Foundation

extension UserReference {
    /// Reads `connect.assignee`: an e-mail address or a Connect user id (`UR-…`). An API token's `SU-` id is
    /// refused: Connect's assign takes a user, and the token is not one.
    public static func parse(_ text: String) -> Result<UserReference, AssigneeProblem> {
        let value = text.trimmingCharacters(in: .whitespaces)
        let upper = value.uppercased()
        if upper.hasPrefix("SU-") { return .failure(.apiToken(TextSanitizer.clean(value, limit: 40))) }
        if upper.hasPrefix("UR-") {
            let valid =
                value.count <= 64
                && value.unicodeScalars.allSatisfy {
                    $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-")
                }
            return valid ? .success(.id(value)) : .failure(.malformed(TextSanitizer.clean(value, limit: 40)))
        }
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        let valid =
            parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && value.count <= 254
            && !value.unicodeScalars.contains { $0.properties.isWhitespace || TextSanitizer.isDangerous($0) }
        return valid ? .success(.email(value)) : .failure(.malformed(TextSanitizer.clean(value, limit: 40)))
    }

    /// True when `assignee` is this user: the same user id, or the same e-mail (case-insensitive).
    public func matches(_ assignee: Assignee) -> Bool {
        guard case .user(let id, _, let email) = assignee else { return false }
        switch self {
        case .id(let wanted): return id == wanted
        case .email(let wanted): return email?.lowercased() == wanted.lowercased()
        }
    }

    /// The e-mail or the user id, as configured.
    public var label: String {
        switch self {
        case .id(let id): id
        case .email(let email): email
        }
    }
}

/// Why a `connect.assignee` value cannot be used.
public enum AssigneeProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// An API token's id (`SU-…`): Connect's assign takes a user.
    case apiToken(String)
    /// Neither an e-mail address nor a user id.
    case malformed(String)

    public var description: String {
        switch self {
        case .apiToken(let value):
            "\"\(value)\" is an API token's id (SU-…), not a user; set the operator's e-mail or Connect user id (UR-…)"
        case .malformed(let value):
            "\"\(value)\" is neither an e-mail address nor a Connect user id (UR-…)"
        }
    }
}
