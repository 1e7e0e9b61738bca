public import CancelDeskCore
import Foundation

/// The approve or reject dialog: what it acts on (captured when it opened, so a refresh cannot change the
/// targets), where its focus is, the reason being typed, and how the work went.
public struct DecisionDialog: Sendable, Equatable {
    /// Approve (vendor cancel, then approve in Connect) or reject (fail in Connect with a reason).
    public enum Kind: Sendable, Equatable {
        case approve, reject
    }

    /// Choosing what to act on (marks exist but the cursor row is not marked); asking for confirmation; the
    /// engine working; finished with failures to show.
    public enum Phase: Sendable, Equatable {
        case scope, asking, running, finished
    }

    /// What a list decision acts on when marks exist and the cursor row is not marked.
    public enum Scope: Sendable, Equatable {
        /// The cursor row only (the default: the request the operator is looking at).
        case one
        /// Every marked request.
        case marked
    }

    /// The two candidate target lists while ``Phase/scope`` asks which.
    public struct ScopeChoice: Sendable, Equatable {
        public let one: Target
        public let marked: [Target]
        /// How many of the marked ones the filter hides.
        public let markedHidden: Int
        public internal(set) var focus: Scope = .one
    }

    /// The approve dialog's buttons. Focus starts on ``cancel``.
    public enum Focus: Sendable, Equatable {
        case cancel, confirm
    }

    /// One request the dialog acts on, as drawn.
    public struct Target: Sendable, Equatable {
        public let id: String
        public let idText: String
        public let customer: String
        /// The vendor subscription id as drawn; empty when missing.
        public let subscription: String
        /// The product id as Connect sent it (looks up the template).
        public let productID: String
        public let flagged: Bool
        /// The connection type (production, test, preview).
        public var environment: ConnectionType = .production
        /// Who the request is assigned to, as drawn; empty when nobody.
        public var assignee: String = ""

        /// What is wrong with the vendor subscription id, if anything: missing, or not a plain identifier.
        public var subscriptionProblem: String? {
            if subscription.isEmpty { return "missing" }
            if flagged && subscription.contains("\\u{") { return "malformed (control characters)" }
            if subscription.contains(where: { $0.isWhitespace }) { return "malformed (contains spaces)" }
            if subscription.count > 128 { return "malformed (\(subscription.count) characters)" }
            return nil
        }
    }

    public internal(set) var kind: Kind
    public internal(set) var targets: [Target]
    /// How many of the targets the current filter hides (they are acted on too).
    public internal(set) var hiddenByFilter: Int
    public internal(set) var focus: Focus = .cancel
    /// The reject reason as typed; kept across failures.
    public internal(set) var reason: String = ""
    /// Where the cursor is in ``reason`` (a character offset).
    public internal(set) var reasonCursor = 0
    /// The first line of the dialog's scrolling part (the list of requests) on screen.
    public internal(set) var scroll = 0
    /// Opened from the detail view: after a decision that went through, the next undecided request opens.
    public internal(set) var fromDetail = false
    /// The choice of targets while ``phase`` is ``Phase/scope``.
    public internal(set) var scopeChoice: ScopeChoice?
    /// What the dialog acts on, when the operator chose (shown in the dialog).
    public internal(set) var scope: Scope?
    /// Marked requests a "this one" choice leaves out (named in the dialog).
    public internal(set) var markedLeftOut = 0
    public internal(set) var phase: Phase = .asking
    /// Results received for targets, by request id.
    public internal(set) var outcomes: [String: RequestResult] = [:]
    /// Why the last attempt did not finish (already sanitized), shown beside the kept reason.
    public internal(set) var error: String?
    /// The engine batch working on the dialog's targets (set when it starts).
    public internal(set) var batch = 0
    /// Targets the batch never started (it was stopped, or the circuit breaker opened): nothing was done to them.
    public internal(set) var notStarted: Set<String> = []
    /// The operator stopped the batch: nothing new starts; the requests in progress finish.
    public internal(set) var stopping = false

    init(kind: Kind, targets: [Target], hiddenByFilter: Int) {
        self.kind = kind
        self.targets = targets
        self.hiddenByFilter = hiddenByFilter
    }

    /// The request ids acted on.
    public var targetIDs: [String] { targets.map(\.id) }

    /// True once every target has an outcome or was not started.
    var allAccountedFor: Bool {
        targets.allSatisfy { outcomes[$0.id] != nil || notStarted.contains($0.id) }
    }

    /// The decision this dialog sends.
    var decision: Decision {
        switch kind {
        case .approve: .approve
        case .reject: .reject(reason: reason.trimmingCharacters(in: .whitespaces))
        }
    }

    /// True when `result` is what this dialog wanted.
    func succeeded(_ result: RequestResult) -> Bool {
        switch kind {
        case .approve: result.kind == .approved
        case .reject: result.kind == .rejected
        }
    }
}
