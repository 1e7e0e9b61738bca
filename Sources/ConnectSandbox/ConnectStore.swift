import ConnectWire

/// The Connect side's state: requests, conversations and messages. One actor, so every change is serialised.
actor ConnectStore {
    nonisolated let catalog: SeedCatalog
    nonisolated let renderer: RequestRenderer
    nonisolated let requestFields: FieldTable<SandboxRecord>
    nonisolated let conversationFields: FieldTable<SandboxRecord>

    var records: [SandboxRecord]
    private var positions: [String: Int]
    /// Bumped on every change; cached query results of older versions are stale.
    private(set) var version: UInt64 = 0
    private var cache = QueryCache()
    private var statusCounts: [RequestStatus: Int] = [:]
    private var messages: [String: [SandboxMessage]] = [:]
    private var messageSerial: UInt64 = 0
    var approveCalls = 0
    var failCalls = 0

    init(catalog: SeedCatalog, records: [SandboxRecord]) {
        self.catalog = catalog
        self.renderer = RequestRenderer(catalog: catalog)
        self.requestFields = RequestFields.table(catalog)
        self.conversationFields = FieldTable([
            "id": .text { $0.conversationID },
            "instance_id": .text { $0.id },
            "created": .time { $0.created },
        ])
        self.records = records
        var positions: [String: Int] = [:]
        positions.reserveCapacity(records.count)
        var counts: [RequestStatus: Int] = [:]
        for (index, record) in records.enumerated() {
            positions[record.id] = index
            counts[record.status, default: 0] += 1
        }
        self.positions = positions
        self.statusCounts = counts
    }

    // MARK: Reading

    /// One page of `GET /requests`, rendered (exclusions applied); encoding is left to the caller.
    func listRequests(_ query: RQLQuery, compiled: CompiledQuery<SandboxRecord>, pageCap: Int) -> Page<WireRequest> {
        let rows = rows(collection: "requests", compiled)
        let window = Page<WireRequest>.window(limit: query.limit, offset: query.offset, cap: pageCap, total: rows.count)
        let items = window.range.map { position in
            var request = renderer.render(records[Int(rows[position])])
            if !query.excluded.isEmpty { RequestRenderer.exclude(query.excluded, from: &request) }
            return request
        }
        return Page(items: items, total: rows.count, offset: window.offset)
    }

    func request(_ id: String) throws(ConnectFailure) -> WireRequest {
        renderer.render(records[try position(id)])
    }

    /// `GET /conversations`: one conversation per request. `instance_id=PR-…` is answered by index, not by a scan.
    func listConversations(
        _ query: RQLQuery, compiled: CompiledQuery<SandboxRecord>, pageCap: Int
    ) -> Page<SandboxConversation> {
        let rows: [Int32]
        if case .compare(.eq, "instance_id", .text(let id))? = query.filter {
            rows = positions[id].map { [Int32($0)] } ?? []
        } else {
            rows = self.rows(collection: "conversations", compiled)
        }
        let window = Page<SandboxConversation>.window(
            limit: query.limit, offset: query.offset, cap: pageCap, total: rows.count
        )
        let items = window.range.map { SandboxConversation(records[Int(rows[$0])]) }
        return Page(items: items, total: rows.count, offset: window.offset)
    }

    /// `GET /conversations/{id}`.
    func conversation(_ id: String) throws(ConnectFailure) -> SandboxConversation {
        SandboxConversation(records[try conversationPosition(id)])
    }

    func messages(conversation: String) throws(ConnectFailure) -> [SandboxMessage] {
        _ = try conversationPosition(conversation)
        return messages[conversation] ?? []
    }

    func postMessage(conversation: String, text: String, type: String) throws(ConnectFailure) -> SandboxMessage {
        _ = try conversationPosition(conversation)
        messageSerial += 1
        let number = SplitMix64.mix(messageSerial) % 1_000_000_000_000_000_000
        let created = ISOTime.format(ISOTime.now())
        let creator = WireReference(id: "SU-000-000-000", name: "canceldesk sandbox")
        let message = SandboxMessage(
            id: "ME-" + Digits.grouped(number, [3, 3, 3, 3, 3, 3]), conversation: conversation,
            account: SeedCatalog.vendorRef, created: created, creator: creator, text: text, type: type,
            events: SandboxEvents(created: SandboxEvent(at: created, by: creator))
        )
        messages[conversation, default: []].append(message)
        return message
    }

    /// Requests by status, over all requests.
    func requestsByStatus() -> [String: Int] {
        Dictionary(uniqueKeysWithValues: statusCounts.filter { $0.value > 0 }.map { ($0.key.rawValue, $0.value) })
    }

    // MARK: Internals shared with the actions

    func position(_ id: String) throws(ConnectFailure) -> Int {
        guard let position = positions[id] else { throw .notFound("Request", id) }
        return position
    }

    private func conversationPosition(_ id: String) throws(ConnectFailure) -> Int {
        guard let requestID = SandboxRecord.requestID(forConversation: id), let position = positions[requestID] else {
            throw ConnectFailure(status: 404, code: "CO_404", message: "Conversation \(id) not found.")
        }
        return position
    }

    /// Stores a changed record, keeping the status counts and the data version right.
    func replace(_ position: Int, with record: SandboxRecord) {
        let old = records[position].status
        if old != record.status {
            statusCounts[old, default: 0] -= 1
            statusCounts[record.status, default: 0] += 1
        }
        records[position] = record
        version &+= 1
    }

    private func rows(collection: String, _ compiled: CompiledQuery<SandboxRecord>) -> [Int32] {
        let key = collection + "?" + compiled.key
        if let cached = cache.rows(for: key, version: version) { return cached }
        let rows = compiled.evaluate(records)
        cache.store(rows, for: key, version: version)
        return rows
    }
}

/// A conversation message as the sandbox answers it (spec-shaped: `text` and `account.id` are required; decodes
/// as `WireMessage`).
struct SandboxMessage: Codable, Sendable {
    let id: String
    let conversation: String
    let account: WireReference
    let created: String
    let creator: WireReference
    let text: String
    let type: String
    let events: SandboxEvents

    /// The fields `GET /conversations/{id}/messages` filters and orders by.
    static let fields = FieldTable<SandboxMessage>([
        "id": .text { $0.id }, "text": .text { $0.text }, "type": .text { $0.type },
        "created": .time { ISOTime.parse($0.created) }, "events.created.at": .time { ISOTime.parse($0.created) },
        "events.created.by.id": .text { $0.creator.id },
    ])
}
