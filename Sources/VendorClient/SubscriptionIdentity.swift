internal import Foundation

/// Tells whether a vendor's answer to a cancel is about another subscription than the one canceldesk asked about
/// : a "cancelled" or "already cancelled" naming another subscription must not count as ours.
///
/// Two kinds of evidence:
/// - **JSON fields**: `subscription_id`, `subscriptionId`, `subscriptionID`, `subscription` (a string, or an object
///   with `id`), at the top level and inside `error` and `data` objects; and a top-level (or `data`) `id` when its
///   value has the same shape as our id (an `id` like `op_77` is the operation's, not a subscription's).
/// - **Text**: the vendor's message naming a token of the same shape as our id but another value (ours
///   `SUB-1A2B-3C4D`, the text names `SUB-9999-0000`). Request ids (`PR-…`), dates and numbers have other shapes.
///
/// Ids are compared case-insensitively, after trimming whitespace.
enum SubscriptionIdentity {
    /// Fields whose value is a subscription id.
    static let subscriptionFields = ["subscription_id", "subscriptionId", "subscriptionID", "subscription"]

    /// The other subscription `object` or `text` names, or nil when they name none but ours.
    static func otherSubscription(object: [String: Any]?, text: String?, ours: String) -> String? {
        let ours = ours.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !ours.isEmpty else { return nil }
        let shape = Shape(ours)
        if let object {
            for value in fieldValues(object, shape: shape) where !same(value, ours) {
                return value
            }
        }
        if let text, let shape {
            for token in tokens(in: text) where Shape(token) == shape && !same(token, ours) {
                return token
            }
        }
        return nil
    }

    /// Subscription ids named by the fields of `object` and of its `error` and `data` objects.
    private static func fieldValues(_ object: [String: Any], shape: Shape?) -> [String] {
        var values: [String] = []
        // `id` counts only in the answer's own object (top level or `data`), and only when id-shaped like ours.
        var objects: [(object: [String: Any], ownID: Bool)] = [(object, true)]
        if let nested = object["error"] as? [String: Any] { objects.append((nested, false)) }
        if let nested = object["data"] as? [String: Any] { objects.append((nested, true)) }
        for (candidate, ownID) in objects {
            for field in subscriptionFields {
                if let value = text(candidate[field]) {
                    values.append(value)
                } else if let nested = candidate[field] as? [String: Any],
                    let id = text(nested["id"]) ?? text(nested["subscription_id"])
                {
                    values.append(id)
                }
            }
            if ownID, let id = text(candidate["id"]), let shape, Shape(id) == shape {
                values.append(id)
            }
        }
        return values
    }

    private static func text(_ value: Any?) -> String? {
        let string: String? =
            if let string = value as? String { string } else if let number = value as? NSNumber {
                number.stringValue
            } else { nil }
        guard let trimmed = string?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else {
            return nil
        }
        return trimmed
    }

    private static func same(_ lhs: String, _ rhs: String) -> Bool {
        lhs.caseInsensitiveCompare(rhs) == .orderedSame
    }

    /// Words of `text` that could be ids: runs of letters, digits, `-` and `_`, without leading or trailing
    /// separators.
    static func tokens(in text: String) -> [String] {
        text.split { !($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_")) }
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "-_")) }
            .filter { !$0.isEmpty }
    }

    /// The shape of an id-like token: a letters-only first group kept literally (`SUB`, case-folded), then the
    /// separators and the lengths of the other groups. Only distinctive ids have a shape: at least 6 characters, a
    /// digit, only ASCII letters, digits, `-` and `_`, and either a letters-only prefix with more groups, or several
    /// groups, or one group of 8 or more characters mixing letters and digits.
    struct Shape: Equatable {
        var prefix: String?
        var separators: [Character]
        var lengths: [Int]
        /// For single-group ids: letters and digits mixed.
        var mixed: Bool

        init?(_ id: String) {
            guard id.count >= 6, id.contains(where: \.isNumber),
                id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
            else { return nil }
            var groups: [Substring] = []
            var separators: [Character] = []
            var start = id.startIndex
            for index in id.indices where id[index] == "-" || id[index] == "_" {
                groups.append(id[start..<index])
                separators.append(id[index])
                start = id.index(after: index)
            }
            groups.append(id[start...])
            guard !groups.contains(where: \.isEmpty) else { return nil }
            if groups.count > 1, groups[0].allSatisfy(\.isLetter) {
                prefix = groups[0].uppercased()
                lengths = groups.dropFirst().map(\.count)
                mixed = false
            } else if groups.count > 1 {
                prefix = nil
                lengths = groups.map(\.count)
                mixed = false
            } else {
                guard id.count >= 8, id.contains(where: \.isLetter) else { return nil }
                prefix = nil
                lengths = [id.count]
                mixed = true
            }
            self.separators = separators
        }
    }
}
