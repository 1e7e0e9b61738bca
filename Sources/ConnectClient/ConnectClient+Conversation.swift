public import CancelDeskCore
internal import ConnectWire
internal import Foundation

extension ConnectClient {
    /// The request's conversation messages, oldest first: `GET /conversations?instance_id=…`, then
    /// `GET /conversations/{id}/messages` (at most ``conversationMessageLimit``). The texts come as Connect has
    /// them, redacted: sanitize before showing.
    public func conversationMessages(requestID: String) async throws -> [ConversationMessage] {
        let conversation = try await conversationID(of: requestID)
        let path = "/conversations/\(try checked(conversation))/messages"
        let result = try await get(path + "?limit=\(Self.conversationMessageLimit)&offset=0")
        let wire: [WireConversationMessage]
        do {
            wire = try JSONDecoder().decode([WireConversationMessage].self, from: result.body)
        } catch {
            throw ServiceError(
                service: .connect, kind: .malformedResponse,
                messages: [
                    exchange.scrubber.message("message list is malformed: \(DecodingDiagnostics.describe(error))")
                ])
        }
        let messages = wire.map { message in
            let kind: ConversationMessage.Kind =
                switch message.type ?? "message" {
                case "message": .message
                case "private": .privateNote
                case "state_change": .stateChange
                case let other: .unknown(exchange.scrubber.message(other, limit: 40))
                }
            let created = message.created.flatMap(WireTimestamp.parse).map(Date.init(timeIntervalSince1970:))
            return ConversationMessage(
                id: message.id ?? "", created: created,
                creator: exchange.scrubber.redact(message.creator?.name ?? message.creator?.id ?? ""),
                text: exchange.scrubber.redact(message.text ?? ""), kind: kind)
        }
        return messages.enumerated().sorted {
            ($0.element.created ?? .distantPast, $0.offset) < ($1.element.created ?? .distantPast, $1.offset)
        }.map(\.element)
    }

    /// Messages read per conversation.
    static let conversationMessageLimit = 100

    /// The id of the request's conversation (`GET /conversations?instance_id=…`).
    func conversationID(of requestID: String) async throws -> String {
        let lookup = try await get("/conversations?instance_id=\(try checked(requestID))&limit=1&offset=0")
        guard let conversations = try? JSONDecoder().decode([WireConversation].self, from: lookup.body) else {
            throw ServiceError(
                service: .connect, kind: .malformedResponse, messages: ["conversation list is malformed"])
        }
        guard let conversation = conversations.first else {
            throw ServiceError(
                service: .connect, kind: .notFound, messages: ["request \(requestID) has no conversation"])
        }
        return conversation.id
    }
}

/// A message as `GET /conversations/{id}/messages` lists it (only what canceldesk reads).
struct WireConversationMessage: Decodable {
    var id: String?
    var created: String?
    var creator: WireReferenceLoose?
    var text: String?
    var type: String?
}

/// An `{id, name}` whose fields may be missing.
struct WireReferenceLoose: Decodable {
    var id: String?
    var name: String?
}
