import ConnectSandbox
import ConnectWire
import Foundation
import Testing

/// Issue 12: the sandbox refuses, with Connect's 400 error body, what Connect's RQL library would refuse.
@Suite("Strict RQL")
struct StrictRQLTests {
    /// The raw error body of a refused query, checked to be Connect's `{"error_code", "errors"}` envelope.
    func refusal(_ http: SandboxHTTP, _ path: String) async throws -> String {
        let reply = try await http.connect("GET", path)
        #expect(reply.status == 400, "\(path) answered \(reply.status): \(reply.text)")
        let object = try JSONSerialization.jsonObject(with: reply.body) as? [String: Any]
        #expect(object?.keys.sorted() == ["error_code", "errors"], "\(path): \(reply.text)")
        let error = try reply.decode(WireError.self)
        #expect(!error.errorCode.isEmpty && error.errors.count == 1)
        return error.errors.joined()
    }

    func accepted(_ http: SandboxHTTP, _ path: String) async throws {
        let reply = try await http.connect("GET", path)
        #expect(reply.status == 200, "\(path) answered \(reply.status): \(reply.text)")
    }

    @Test func neOnConnectionTypeIsRefused() async throws {
        try await withLiveSandbox { http in
            let message = try await refusal(http, "/requests?ne(asset.connection.type,production)")
            #expect(message.contains("ne") && message.contains("asset.connection.type"))
            _ = try await refusal(http, "/requests?asset.connection.type=ne=production")
            _ = try await refusal(http, "/requests?like(asset.connection.type,prod*)")
            try await accepted(http, "/requests?eq(asset.connection.type,production)")
            try await accepted(http, "/requests?in(asset.connection.type,(test,production))")
            try await accepted(http, "/requests?not(eq(asset.connection.type,production))")
        }
    }

    @Test func orderingByIDAndTwoOrderingTermsAreRefused() async throws {
        try await withLiveSandbox { http in
            let message = try await refusal(http, "/requests?ordering(id)")
            #expect(message.contains("\"id\""))
            _ = try await refusal(http, "/requests?ordering(-id)")
            _ = try await refusal(http, "/requests?ordering(created,id)")
            _ = try await refusal(http, "/requests?ordering(bogus)")
            let twice = try await refusal(http, "/requests?ordering(created)&ordering(-updated)")
            #expect(twice.contains("ordering"))
            try await accepted(http, "/requests?ordering(created,-updated)")
            try await accepted(http, "/requests?ordering(-status)")
            try await accepted(http, "/requests?ordering(asset.product.name)")
        }
    }

    @Test func unknownFieldsAreRefused() async throws {
        try await withLiveSandbox { http in
            let message = try await refusal(http, "/requests?eq(asset.conection.type,production)")
            #expect(message.contains("asset.conection.type"))
            _ = try await refusal(http, "/requests?or(eq(bogus,1),eq(status,approved))")
            _ = try await refusal(http, "/requests?bogus=1")
            _ = try await refusal(http, "/requests?in(note,(a,b))")
        }
    }

    @Test func badEnumValuesAreRefused() async throws {
        try await withLiveSandbox { http in
            let message = try await refusal(http, "/requests?eq(status,open)")
            #expect(message.contains("open") && message.contains("pending"))
            _ = try await refusal(http, "/requests?in(type,(cancel,cancellation))")
            _ = try await refusal(http, "/requests?eq(asset.connection.type,staging)")
            _ = try await refusal(http, "/requests?eq(asset.status,gone)")
            try await accepted(http, "/requests?like(status,pend*)")
        }
    }

    @Test func lookupsAndSelectFollowTheSpec() async throws {
        try await withLiveSandbox { http in
            _ = try await refusal(http, "/requests?gt(status,pending)")
            _ = try await refusal(http, "/requests?like(created,2025*)")
            _ = try await refusal(http, "/requests?ne(asset.params.value,x)")
            _ = try await refusal(http, "/requests?eq(type,null())")
            _ = try await refusal(http, "/requests?eq(activation_key,x)")
            _ = try await refusal(http, "/requests?select(-bogus)")
            try await accepted(http, "/requests?eq(assignee,null())")
            try await accepted(http, "/requests?ne(assignee,null())")
            try await accepted(http, "/requests?select(-activation_key,-template,-asset.configuration)")
            try await accepted(http, "/requests?select(-asset.params,-note)&limit=1")
            try await accepted(http, "/requests?asset__product__id=PRD-276-377-545&limit=0")
        }
    }

    @Test func previewIsAcceptedUnlessTheSpecIsFollowedLiterally() async throws {
        let query = "/requests?in(asset.connection.type,(preview,test,production))&limit=0"
        try await withLiveSandbox { http in try await accepted(http, query) }
        var literal = SandboxOptions()
        literal.acceptsPreviewFilter = false
        try await withLiveSandbox(literal) { http in
            let message = try await refusal(http, query)
            #expect(message.contains("preview"))
            try await accepted(http, "/requests?in(asset.connection.type,(test,production))&limit=0")
        }
    }

    @Test func conversationsMessagesAndTemplatesFollowTheirRules() async throws {
        try await withLiveSandbox { http in
            let product = SandboxCatalog.productIDs[0]
            _ = try await refusal(http, "/products/\(product)/templates?eq(scope,tier9)")
            _ = try await refusal(http, "/products/\(product)/templates?ordering(name)")
            _ = try await refusal(http, "/products/\(product)/templates?eq(body,x)")
            try await accepted(http, "/products/\(product)/templates?and(eq(type,fulfillment),eq(scope,asset))")
            _ = try await refusal(http, "/conversations?eq(instance_id,null())")
            _ = try await refusal(http, "/conversations?ordering(id)")
            try await accepted(http, "/conversations?instance_id=PR-0000-0000-0000-000&ordering(-created)")

            let request = try await firstPending(http)
            let conversation = "CO-" + request.id.dropFirst(3)
            for (text, type) in [("one", "private"), ("two", "message")] {
                let body = "{\"text\":\"\(text)\",\"type\":\"\(type)\"}"
                let posted = try await http.connect("POST", "/conversations/\(conversation)/messages", json: body)
                #expect(posted.status == 201)
            }
            _ = try await refusal(http, "/conversations/\(conversation)/messages?eq(type,secret)")
            let messages = "/conversations/\(conversation)/messages"
            let privateOnes = try await http.connect("GET", messages + "?eq(type,private)")
            #expect(try privateOnes.decode([WireMessage].self).map(\.text) == ["one"])
            let newest = try await http.connect("GET", messages + "?ordering(-created)")
            #expect(try newest.decode([WireMessage].self).map(\.text) == ["two", "one"])
        }
    }
}
