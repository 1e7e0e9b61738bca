/// Connect's error envelope: `{"error_code": "REQ_003", "errors": ["…"]}`.
public struct WireError: Codable, Sendable, Equatable {
    public var errorCode: String
    public var errors: [String]

    public init(errorCode: String, errors: [String]) {
        self.errorCode = errorCode
        self.errors = errors
    }

    enum CodingKeys: String, CodingKey {
        case errors
        case errorCode = "error_code"
    }
}

/// Body of `POST /requests/{id}/approve`.
public struct WireApproveBody: Codable, Sendable, Equatable {
    public var templateID: String?
    public var activationTile: String?
    public var effectiveDate: String?

    public init(templateID: String? = nil, activationTile: String? = nil, effectiveDate: String? = nil) {
        self.templateID = templateID
        self.activationTile = activationTile
        self.effectiveDate = effectiveDate
    }

    enum CodingKeys: String, CodingKey {
        case templateID = "template_id"
        case activationTile = "activation_tile"
        case effectiveDate = "effective_date"
    }
}

/// Body of `POST /requests/{id}/fail`.
public struct WireFailBody: Codable, Sendable, Equatable {
    public var reason: String?

    public init(reason: String?) {
        self.reason = reason
    }
}

/// Body of `POST /requests/{id}/assign`: exactly one of `id` or `email`.
public struct WireAssignBody: Codable, Sendable, Equatable {
    public var id: String?
    public var email: String?

    public init(id: String? = nil, email: String? = nil) {
        self.id = id
        self.email = email
    }
}

/// Body of `PUT /requests/{id}`: a note and/or parameter values.
public struct WireUpdateBody: Codable, Sendable, Equatable {
    public var note: String?
    public var asset: WireUpdateAsset?

    public init(note: String? = nil, asset: WireUpdateAsset? = nil) {
        self.note = note
        self.asset = asset
    }
}

/// The `asset` part of `PUT /requests/{id}`.
public struct WireUpdateAsset: Codable, Sendable, Equatable {
    public var params: [WireParameter]

    public init(params: [WireParameter]) {
        self.params = params
    }
}

/// One product template (`GET /products/{id}/templates`).
public struct WireTemplate: Codable, Sendable, Equatable {
    public var id: String
    public var name: String?
    public var title: String?
    public var scope: String?
    public var type: String?
    public var body: String?
    public var position: Int?

    public init(
        id: String, name: String? = nil, title: String? = nil, scope: String? = nil, type: String? = nil,
        body: String? = nil, position: Int? = nil
    ) {
        self.id = id
        self.name = name
        self.title = title
        self.scope = scope
        self.type = type
        self.body = body
        self.position = position
    }
}

/// `GET /auth/context`: who the API key belongs to.
public struct WireAuthContext: Codable, Sendable, Equatable {
    public var account: WireReference?
    public var user: WireReference?

    public init(account: WireReference? = nil, user: WireReference? = nil) {
        self.account = account
        self.user = user
    }
}

/// One conversation (`GET /conversations?instance_id=…`).
public struct WireConversation: Codable, Sendable, Equatable {
    public var id: String
    public var instanceID: String?
    public var topic: String?
    public var created: String?

    public init(id: String, instanceID: String? = nil, topic: String? = nil, created: String? = nil) {
        self.id = id
        self.instanceID = instanceID
        self.topic = topic
        self.created = created
    }

    enum CodingKeys: String, CodingKey {
        case id, topic, created
        case instanceID = "instance_id"
    }
}

/// One conversation message: the body of `POST /conversations/{id}/messages` and its 201 response.
public struct WireMessage: Codable, Sendable, Equatable {
    public var id: String?
    public var conversation: String?
    public var created: String?
    public var text: String
    public var type: String?

    public init(id: String? = nil, conversation: String? = nil, created: String? = nil, text: String, type: String?) {
        self.id = id
        self.conversation = conversation
        self.created = created
        self.text = text
        self.type = type
    }
}
