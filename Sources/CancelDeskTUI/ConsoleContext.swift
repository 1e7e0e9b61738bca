public import CancelDeskCore

/// What the console shows about where it runs and what it may do; fixed for one session.
public struct ConsoleContext: Sendable, Equatable {
    /// Who canceldesk acts as (the Connect account), shown in the title bar.
    public var accountLabel: String
    /// The Connect endpoint, shown in the title bar.
    public var endpoint: String
    /// Runs against the in-process sandbox: a `DEMO` badge is always visible.
    public var isDemo: Bool
    /// Approve and reject are removed from the keys, the help and the hints; a `READ-ONLY` badge is visible.
    public var readOnly: Bool
    /// The fulfillment parameter holding the vendor subscription id.
    public var subscriptionParameter: String
    /// The approve template per product id (named in the approve dialog).
    public var templates: [String: String]
    /// The approve template for products without their own entry.
    public var defaultTemplate: String?
    /// The vendor call the approve dialog names, with `{id}` where the subscription id goes,
    /// e.g. `POST https://vendor.example/v1/subscriptions/{id}/cancel`.
    public var vendorDescription: String
    /// How often the list refreshes itself (unless paused or a dialog is open).
    public var refreshInterval: Duration
    /// Draw without colour (NO_COLOR, `--no-color`); meaning never depends on colour anyway.
    public var noColor: Bool
    /// The reject reasons offered as presets (keys 1–4 in the reject dialog).
    public var rejectPresets: [String]
    /// Lines shown at the end of the help: the keymap file in use and any warnings about it.
    public var keymapNotes: [String]
    /// The operator requests are assigned to (`connect.assignee`: an e-mail or a user id); nil when none is
    /// configured. A request assigned to anyone else is someone else's (the decision dialog warns).
    public var assignee: UserReference?
    /// Opening a request's detail or deciding it assigns it to ``assignee`` when nobody is assigned yet
    /// (`console.claim_on_open`).
    public var claimOnOpen: Bool = false
    /// The operator as the dialog compares assignees (``assignee``'s e-mail or user id); nil when none is
    /// configured: then any assignee is someone else.
    public var operatorAssignee: String? { assignee?.label }

    /// The presets offered when none are configured.
    public static let defaultRejectPresets = [
        "The customer asked to keep the subscription.",
        "Duplicate cancel request; the subscription stays active.",
        "The subscription was not found at the vendor.",
        "The contract does not allow cancelling before the end of the term.",
    ]

    /// A context; everything but the account and the endpoint has a default.
    public init(
        accountLabel: String, endpoint: String, isDemo: Bool = false, readOnly: Bool = false,
        subscriptionParameter: String = "subscription_id", templates: [String: String] = [:],
        defaultTemplate: String? = nil, vendorDescription: String = "", refreshInterval: Duration = .seconds(30),
        noColor: Bool = false, rejectPresets: [String] = ConsoleContext.defaultRejectPresets,
        keymapNotes: [String] = [], operatorAssignee: String? = nil
    ) {
        if let operatorAssignee, !operatorAssignee.isEmpty {
            assignee = operatorAssignee.contains("@") ? .email(operatorAssignee) : .id(operatorAssignee)
        }
        self.accountLabel = accountLabel
        self.endpoint = endpoint
        self.isDemo = isDemo
        self.readOnly = readOnly
        self.subscriptionParameter = subscriptionParameter
        self.templates = templates
        self.defaultTemplate = defaultTemplate
        self.vendorDescription = vendorDescription
        self.refreshInterval = refreshInterval
        self.noColor = noColor
        self.rejectPresets = rejectPresets
        self.keymapNotes = keymapNotes
    }

    /// True when `assignee` is someone other than this operator (anyone, when no operator is configured).
    public func isAssignedElsewhere(_ assignee: Assignee) -> Bool {
        guard case .user = assignee else { return false }
        return !(self.assignee?.matches(assignee) ?? false)
    }

    /// The approve template for a product, if one is configured.
    public func template(forProduct product: String) -> String? {
        templates[product] ?? defaultTemplate
    }
}
