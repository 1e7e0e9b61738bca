public import CancelDeskCore
import Foundation

/// The approve or reject dialog: what it acts on (captured when it opened, so a refresh cannot change the
/// targets), where its focus is, the reason being typed, and how the work went.
public struct DecisionDialog: Sendable, Equatable {
    /// Approve (vendor cancel, then approve in Connect) or reject (fail in Connect with a reason).
    public enum Kind: Sendable, Equatable {
        case approve, reject
    }

    /// Asking for confirmation; the engine working; finished with failures to show.
    public enum Phase: Sendable, Equatable {
        case asking, running, finished
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
    }

    public internal(set) var kind: Kind
    public internal(set) var targets: [Target]
    /// How many of the targets the current filter hides (they are acted on too).
    public internal(set) var hiddenByFilter: Int
    public internal(set) var focus: Focus = .cancel
    /// The reject reason as typed; kept across failures.
    public internal(set) var reason: String = ""
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
