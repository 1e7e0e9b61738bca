internal import CancelDeskCore

/// A parsed template string of the HTTP template adapter: literal text and placeholders.
///
/// A placeholder is `{name}` or `{name:argument}`, with `name` a letter followed by letters, digits or `_`, and an
/// argument without spaces, quotes or braces. Any other brace is literal text, so a JSON body's own braces
/// (`{"reason": "{reason}"}`) need no escaping.
struct VendorTemplate: Sendable, Equatable {
    /// A known placeholder, or the text of an unknown one.
    enum Placeholder: Sendable, Equatable {
        case requestID, subscriptionID, assetID, productID, customerID, idempotencyKey, reason, vendorAPIKey
        case parameter(String)
        case unknown(String)

        init(name: String, argument: String?) {
            switch (name, argument) {
            case ("request_id", nil): self = .requestID
            case ("subscription_id", nil): self = .subscriptionID
            case ("asset_id", nil): self = .assetID
            case ("product_id", nil): self = .productID
            case ("customer_id", nil): self = .customerID
            case ("idempotency_key", nil): self = .idempotencyKey
            case ("reason", nil): self = .reason
            case ("vendor_api_key", nil): self = .vendorAPIKey
            case ("param", let id?): self = .parameter(id)
            default: self = .unknown("{" + name + (argument.map { ":" + $0 } ?? "") + "}")
            }
        }
    }

    enum Piece: Sendable, Equatable {
        case literal(String)
        case placeholder(Placeholder)
    }

    /// A placeholder that has no value for this order.
    struct MissingValue: Error, Sendable, Equatable {
        var message: String
    }

    /// The placeholders' names, for messages.
    static let knownPlaceholders = [
        "{request_id}", "{subscription_id}", "{asset_id}", "{product_id}", "{customer_id}", "{idempotency_key}",
        "{reason}", "{param:ID}", "{vendor_api_key}",
    ]

    let pieces: [Piece]

    init(_ text: String) {
        var pieces: [Piece] = []
        var literal = ""
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == "{", let (placeholder, end) = Self.placeholder(in: text, at: index) {
                if !literal.isEmpty { pieces.append(.literal(literal)) }
                literal = ""
                pieces.append(.placeholder(placeholder))
                index = end
            } else {
                literal.append(text[index])
                index = text.index(after: index)
            }
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        self.pieces = pieces
    }

    var placeholders: [Placeholder] {
        pieces.compactMap {
            if case .placeholder(let placeholder) = $0 { placeholder } else { nil }
        }
    }

    /// The literal text before the first placeholder (the whole text when there is none).
    var literalPrefix: String {
        var prefix = ""
        for piece in pieces {
            guard case .literal(let text) = piece else { break }
            prefix += text
        }
        return prefix
    }

    /// The text with every placeholder replaced by `value(placeholder)` passed through `encode`; literal text is
    /// kept as written.
    func render(
        encode: (String) -> String, value: (Placeholder) throws(MissingValue) -> String
    ) throws(MissingValue) -> String {
        var out = ""
        for piece in pieces {
            switch piece {
            case .literal(let text): out += text
            case .placeholder(let placeholder): out += encode(try value(placeholder))
            }
        }
        return out
    }

    /// The placeholder starting at `start` (a `{`) and the index after its `}`, or nil when the brace is literal.
    private static func placeholder(in text: String, at start: String.Index) -> (Placeholder, String.Index)? {
        var index = text.index(after: start)
        var name = ""
        while index < text.endIndex, isNameCharacter(text[index], first: name.isEmpty) {
            name.append(text[index])
            index = text.index(after: index)
        }
        guard !name.isEmpty, index < text.endIndex else { return nil }
        if text[index] == "}" { return (Placeholder(name: name, argument: nil), text.index(after: index)) }
        guard text[index] == ":" else { return nil }
        index = text.index(after: index)
        var argument = ""
        while index < text.endIndex, text[index] != "}" {
            let character = text[index]
            guard !character.isWhitespace, character != "\"", character != "{" else { return nil }
            argument.append(character)
            index = text.index(after: index)
        }
        guard !argument.isEmpty, index < text.endIndex else { return nil }
        return (Placeholder(name: name, argument: argument), text.index(after: index))
    }

    private static func isNameCharacter(_ character: Character, first: Bool) -> Bool {
        guard character.isASCII else { return false }
        if character.isLetter { return true }
        return !first && (character.isNumber || character == "_")
    }
}

extension VendorTemplate.Placeholder {
    /// This placeholder's value for `order`; `apiKey` is the secret `{vendor_api_key}` stands for.
    func value(for order: VendorCancelOrder, apiKey: Secret?) throws(VendorTemplate.MissingValue) -> String {
        switch self {
        case .requestID: return order.requestID
        case .subscriptionID: return order.subscriptionID
        case .assetID: return order.request.asset.id
        case .productID: return order.request.asset.product.id
        case .customerID: return order.request.asset.tiers.customer?.id ?? ""
        case .idempotencyKey: return order.idempotencyKey
        case .reason: return order.reason
        case .vendorAPIKey:
            guard let apiKey else { throw .init(message: "{vendor_api_key} is used but no vendor API key is set") }
            return apiKey.reveal
        case .parameter(let id):
            guard let parameter = order.request.parameter(id: id) else {
                throw .init(message: "the asset has no parameter \"\(id)\" for {param:\(id)}")
            }
            return parameter.value
        case .unknown(let text):
            throw .init(message: "unknown placeholder \(text)")
        }
    }
}
