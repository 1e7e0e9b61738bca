import ConnectWire

/// A conversation as the sandbox answers it: the spec's required `instance_id`, `topic` and `accounts`, and its
/// `type`, `status`, `creator`, `events` and `created` (decodes as `WireConversation`).
struct SandboxConversation: Codable, Sendable {
    let id: String
    let instanceID: String
    let topic: String
    let type: String
    let status: String
    let accounts: [WireReference]
    let creator: WireReference
    let events: SandboxEvents
    let created: String

    enum CodingKeys: String, CodingKey {
        case id, topic, type, status, accounts, creator, events, created
        case instanceID = "instance_id"
    }

    /// The conversation Connect opens for a fulfillment request.
    init(_ record: SandboxRecord) {
        let created = ISOTime.format(record.created)
        id = record.conversationID
        instanceID = record.id
        topic = "Fulfillment request \(record.id)"
        type = "conversation"
        status = "open"
        accounts = [SeedCatalog.vendorRef, WireReference(id: "PA-800-926", name: "Sandbox Provider")]
        creator = SandboxConversation.system
        events = SandboxEvents(created: SandboxEvent(at: created, by: SandboxConversation.system))
        self.created = created
    }

    /// The actor Connect names for what it does by itself.
    static let system = WireReference(id: "SU-000-000-001", name: "Connect")
}

/// `events` of a conversation or message: who created it and when.
struct SandboxEvents: Codable, Sendable {
    let created: SandboxEvent
}

/// One event: when (`at`) and by whom (`by`).
struct SandboxEvent: Codable, Sendable {
    let at: String
    let by: WireReference
}
