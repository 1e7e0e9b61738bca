import ConnectSandbox
import ConnectWire
import Foundation
import Testing

/// Issue 12: `assign` takes exactly one of `id`/`email`; conversations and messages carry the spec's fields.
@Suite("Assign and conversation shapes")
struct ConversationShapeTests {
    func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func assignTakesExactlyOneOfIDOrEmail() async throws {
        try await withLiveSandbox { http in
            let request = try await firstPending(http)
            let path = "/requests/\(request.id)/assign"
            for body in [
                #"{"id":"UR-630-250-903","email":"john.doe@vendor.example"}"#, "{}", #"{"email":"not-an-email"}"#,
                #"{"id":""}"#,
            ] {
                let reply = try await http.connect("POST", path, json: body)
                #expect(reply.status == 400, "\(body): \(reply.status) \(reply.text)")
                #expect(try reply.decode(WireError.self).errors.count == 1)
            }
            let byID = try await http.connect("POST", path, json: #"{"id":"UR-630-250-903"}"#)
            #expect(byID.status == 200)
            let byEmail = try await http.connect("POST", path, json: #"{"email":"ops@vendor.example"}"#)
            #expect(byEmail.status == 200)
        }
    }

    @Test func conversationsCarryTheSpecsRequiredFields() async throws {
        try await withLiveSandbox { http in
            let request = try await firstPending(http)
            let listed = try await http.connect("GET", "/conversations?instance_id=\(request.id)")
            let list = try #require(try JSONSerialization.jsonObject(with: listed.body) as? [[String: Any]])
            let conversation = try #require(list.first)
            let id = try #require(conversation["id"] as? String)
            let single = try object(try await http.connect("GET", "/conversations/\(id)").body)
            for shape in [conversation, single] {
                #expect(shape["instance_id"] as? String == request.id)
                #expect((shape["topic"] as? String)?.isEmpty == false)
                let accounts = try #require(shape["accounts"] as? [[String: Any]])
                #expect(accounts.contains { $0["id"] as? String == "VA-000-000" })
                #expect(shape["type"] as? String == "conversation" && shape["status"] as? String == "open")
                #expect((shape["events"] as? [String: Any])?["created"] != nil)
            }
            #expect(try await http.connect("GET", "/conversations/CO-0000-0000-0000-000").status == 404)

            let posted = try await http.connect(
                "POST", "/conversations/\(id)/messages", json: #"{"text":"audit","type":"private"}"#)
            let message = try object(posted.body)
            #expect(message["text"] as? String == "audit")
            #expect((message["account"] as? [String: Any])?["id"] as? String == "VA-000-000")
            let created = (message["events"] as? [String: Any])?["created"] as? [String: Any]
            #expect(created?["at"] as? String == message["created"] as? String)
            let listedMessages = try await http.connect("GET", "/conversations/\(id)/messages")
            let messages = try #require(try JSONSerialization.jsonObject(with: listedMessages.body) as? [[String: Any]])
            #expect(messages.count == 1 && (messages.first?["account"] as? [String: Any])?["id"] != nil)
        }
    }
}
