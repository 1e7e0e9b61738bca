import ConnectWire

/// The request actions: approve, fail, inquire, pend, assign, unassign and `PUT /requests/{id}`.
extension ConnectStore {
    func approve(_ id: String, _ body: WireApproveBody) throws(ConnectFailure) -> WireRequest {
        approveCalls += 1
        let position = try position(id)
        var record = records[position]
        guard record.status.isOpen else {
            throw .state(
                "REQ_003",
                "Request \(id) is \(record.status.rawValue), only pending or inquiring requests "
                    + "can be approved.")
        }
        guard let templateID = body.templateID, !templateID.isEmpty else {
            throw .validation("template_id: This field is required.")
        }
        let usable = catalog.templates[record.product].contains {
            $0.id == templateID && $0.scope == "asset" && $0.type == "fulfillment"
        }
        guard usable else {
            throw .validation(
                "template_id: \(templateID) is not an asset fulfillment template of product "
                    + "\(catalog.products[record.product].id).")
        }
        let now = Self.nextTimestamp(after: record.updated)
        record.status = .approved
        record.assetStatus = record.type == .cancel ? .terminated : .active
        record.templateID = templateID
        record.effectiveDate = body.effectiveDate.flatMap(ISOTime.parse) ?? now
        record.updated = now
        replace(position, with: record)
        return renderer.render(record)
    }

    func fail(_ id: String, _ body: WireFailBody) throws(ConnectFailure) -> WireRequest {
        failCalls += 1
        let position = try position(id)
        var record = records[position]
        guard record.status.isOpen else {
            throw .state(
                "REQ_003",
                "Request \(id) is \(record.status.rawValue), only pending or inquiring requests "
                    + "can be failed.")
        }
        guard let reason = body.reason, reason.contains(where: { !$0.isWhitespace }) else {
            throw .validation("reason: This field is required.")
        }
        record.status = .failed
        record.reason = reason
        record.assetStatus = record.type == .purchase ? .draft : .active
        record.updated = Self.nextTimestamp(after: record.updated)
        replace(position, with: record)
        return renderer.render(record)
    }

    func inquire(_ id: String) throws(ConnectFailure) -> WireRequest {
        try transition(id, from: .pending, to: .inquiring, code: "REQ_004", verb: "inquired")
    }

    func pend(_ id: String) throws(ConnectFailure) -> WireRequest {
        try transition(id, from: .inquiring, to: .pending, code: "REQ_005", verb: "pended")
    }

    func assign(_ id: String, _ body: WireAssignBody) throws(ConnectFailure) -> WireRequest {
        let position = try openPosition(id, code: "REQ_007", verb: "assigned")
        let user: WireUserSpec
        // The spec's body is `oneOf` {required: id} | {required: email}: exactly one of them.
        switch (body.id, body.email) {
        case (let userID?, nil):
            guard !userID.isEmpty else { throw .validation("id: This field may not be blank.") }
            user = SeedNames.users.first { $0.id == userID } ?? WireUserSpec(id: userID, name: userID, email: "")
        case (nil, let email?):
            let parts = email.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains(".") || parts[1] == "localhost" else {
                throw .validation("email: Enter a valid email address.")
            }
            let number = SplitMix64.mix(email.hashValueStable) % 1_000_000_000
            user =
                SeedNames.users.first { $0.email == email }
                ?? WireUserSpec(id: "UR-" + Digits.grouped(number, [3, 3, 3]), name: String(parts[0]), email: email)
        case (.some, .some):
            throw .validation("Provide exactly one of id or email, not both.")
        case (nil, nil):
            throw .validation("Either id or email is required.")
        }
        var record = records[position]
        record.assignee = user
        record.updated = Self.nextTimestamp(after: record.updated)
        replace(position, with: record)
        return renderer.render(record)
    }

    func unassign(_ id: String) throws(ConnectFailure) -> WireRequest {
        let position = try openPosition(id, code: "REQ_007", verb: "unassigned")
        var record = records[position]
        record.assignee = nil
        record.updated = Self.nextTimestamp(after: record.updated)
        replace(position, with: record)
        return renderer.render(record)
    }

    /// `PUT /requests/{id}`: the note and parameter values / value errors.
    func update(_ id: String, _ body: WireUpdateBody) throws(ConnectFailure) -> WireRequest {
        let position = try openPosition(id, code: "REQ_006", verb: "updated")
        var record = records[position]
        if let note = body.note { record.note = note }
        for parameter in body.asset?.params ?? [] {
            guard let index = record.params.firstIndex(where: { $0.id == parameter.id }) else {
                throw .validation("asset.params: parameter \(parameter.id) does not exist on request \(id).")
            }
            if let value = parameter.value { record.params[index].value = value }
            if let valueError = parameter.valueError { record.params[index].valueError = valueError }
        }
        record.updated = Self.nextTimestamp(after: record.updated)
        replace(position, with: record)
        return renderer.render(record)
    }

    private func transition(
        _ id: String, from: RequestStatus, to: RequestStatus, code: String, verb: String
    ) throws(ConnectFailure) -> WireRequest {
        let position = try position(id)
        var record = records[position]
        guard record.status == from else {
            throw .state(
                code,
                "Request \(id) is \(record.status.rawValue), only \(from.rawValue) requests can be "
                    + "\(verb).")
        }
        record.status = to
        record.updated = Self.nextTimestamp(after: record.updated)
        replace(position, with: record)
        return renderer.render(record)
    }

    private func openPosition(_ id: String, code: String, verb: String) throws(ConnectFailure) -> Int {
        let position = try position(id)
        let status = records[position].status
        guard status.isOpen else {
            throw .state(
                code, "Request \(id) is \(status.rawValue), only pending or inquiring requests can be \(verb)."
            )
        }
        return position
    }

    /// The wall clock, but never earlier than (or equal to) the previous timestamp.
    static func nextTimestamp(after previous: Int64) -> Int64 {
        max(ISOTime.now(), previous + 1)
    }
}

extension String {
    /// FNV-1a over UTF-8: stable across runs, unlike `hashValue`.
    var hashValueStable: UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
