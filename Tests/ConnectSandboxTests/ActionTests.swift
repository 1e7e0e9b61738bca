import ConnectSandbox
import ConnectWire
import Testing

@Suite("Request actions and the state machine")
struct ActionTests {
    @Test func approveTerminatesTheAssetAndASecondApproveIsRefused() async throws {
        try await withLiveSandbox { http in
            let request = try await firstPending(http, product: "PRD-276-377-545")
            #expect(request.asset?.status == "terminating")
            let template = SandboxCatalog.templateID(forProduct: "PRD-276-377-545")
            let body = "{\"template_id\":\"\(template)\"}"
            let approved = try await http.connect("POST", "/requests/\(request.id)/approve", json: body)
            #expect(approved.status == 200)
            let wire = try approved.decode(WireRequest.self)
            #expect(wire.status == "approved")
            #expect(wire.asset?.status == "terminated")
            #expect(wire.template?.id == template)
            #expect(wire.updated != request.updated)

            let again = try await http.connect("POST", "/requests/\(request.id)/approve", json: body)
            #expect(again.status == 400)
            let error = try again.decode(WireError.self)
            #expect(error.errorCode.hasPrefix("REQ_"))
            #expect(error.errors.first?.contains(request.id) == true)

            let fetched = try await http.connect("GET", "/requests/\(request.id)").decode(WireRequest.self)
            #expect(fetched.status == "approved")
            let failLater = try await http.connect("POST", "/requests/\(request.id)/fail", json: "{\"reason\":\"x\"}")
            #expect(failLater.status == 400)
        }
    }

    @Test func approveNeedsATemplateOfTheRequestsProduct() async throws {
        try await withLiveSandbox { http in
            let request = try await firstPending(http, product: "PRD-418-902-113")
            for body in [
                nil, "{}", "{\"template_id\":\"\"}",
                "{\"template_id\":\"\(SandboxCatalog.templateID(forProduct: "PRD-276-377-545"))\"}",
            ] {
                let reply = try await http.connect("POST", "/requests/\(request.id)/approve", json: body)
                #expect(reply.status == 400, "body \(body ?? "none")")
                #expect(try reply.decode(WireError.self).errorCode == "VAL_001")
            }
            let fetched = try await http.connect("GET", "/requests/\(request.id)").decode(WireRequest.self)
            #expect(fetched.status == "pending")
        }
    }

    @Test func failNeedsAReasonAndReactivatesTheAsset() async throws {
        try await withLiveSandbox { http in
            let request = try await firstPending(http)
            let missing = try await http.connect("POST", "/requests/\(request.id)/fail", json: "{}")
            #expect(missing.status == 400)
            let blank = try await http.connect("POST", "/requests/\(request.id)/fail", json: "{\"reason\":\"  \"}")
            #expect(blank.status == 400)
            let failed = try await http.connect(
                "POST", "/requests/\(request.id)/fail", json: "{\"reason\":\"Subscription is under a legal hold\"}"
            )
            #expect(failed.status == 200)
            let wire = try failed.decode(WireRequest.self)
            #expect(wire.status == "failed")
            #expect(wire.reason == "Subscription is under a legal hold")
            #expect(wire.asset?.status == "active")
        }
    }

    @Test func inquirePendAssignUnassignAndUpdate() async throws {
        try await withLiveSandbox { http in
            let request = try await firstPending(http)
            let pendFromPending = try await http.connect("POST", "/requests/\(request.id)/pend")
            #expect(pendFromPending.status == 400)
            let inquired = try await http.connect("POST", "/requests/\(request.id)/inquire")
            #expect(try inquired.decode(WireRequest.self).status == "inquiring")
            let pended = try await http.connect("POST", "/requests/\(request.id)/pend")
            #expect(try pended.decode(WireRequest.self).status == "pending")

            let assigned = try await http.connect(
                "POST", "/requests/\(request.id)/assign", json: "{\"email\":\"ops@vendor.example\"}"
            ).decode(WireRequest.self)
            guard case .user(let user)? = assigned.assignee else { throw TestFailure("not assigned") }
            #expect(user.email == "ops@vendor.example")
            let byAssignee = try await http.connect("GET", "/requests?eq(assignee.email,ops@vendor.example)")
            #expect(try byAssignee.decode([WireRequest].self).map(\.id) == [request.id])
            let unassigned = try await http.connect("POST", "/requests/\(request.id)/unassign")
            #expect(try unassigned.decode(WireRequest.self).assignee == WireAssignee.none)

            let update =
                "{\"note\":\"checked\",\"asset\":{\"params\":"
                + "[{\"id\":\"subscription_id\",\"value\":\"SUB-NEW\"}]}}"
            let updated = try await http.connect("PUT", "/requests/\(request.id)", json: update)
                .decode(WireRequest.self)
            #expect(updated.note == "checked")
            #expect(updated.asset?.params?.first { $0.id == "subscription_id" }?.value == "SUB-NEW")
            let unknownParam = try await http.connect(
                "PUT", "/requests/\(request.id)", json: "{\"asset\":{\"params\":[{\"id\":\"nope\",\"value\":\"1\"}]}}"
            )
            #expect(unknownParam.status == 400)
        }
    }

    @Test func unauthorizedWithoutTheRightKey() async throws {
        try await withLiveSandbox { http in
            for key in [nil, "ApiKey SU-000-000-000:wrong", "SU-000-000-000:sandbox"] {
                let reply = try await http.connect("GET", "/requests", apiKey: key)
                #expect(reply.status == 401)
                let error = try reply.decode(WireError.self)
                #expect(error == WireError(errorCode: "AUTH_001", errors: ["API request is unauthorized."]))
            }
            #expect(try await http.connect("GET", "/requests?limit=1").status == 200)
        }
    }

    @Test func unknownRequestIsA404Envelope() async throws {
        try await withLiveSandbox { http in
            let reply = try await http.connect("GET", "/requests/PR-0000-0000-0000-000")
            #expect(reply.status == 404)
            #expect(try reply.decode(WireError.self).errorCode == "REQ_404")
            let approve = try await http.connect("POST", "/requests/PR-0000-0000-0000-000/approve", json: "{}")
            #expect(approve.status == 404)
        }
    }

    @Test func templatesConversationsAndAuthContext() async throws {
        try await withLiveSandbox { http in
            let product = SandboxCatalog.productIDs[0]
            let templates = try await http.connect("GET", "/products/\(product)/templates")
            let list = try templates.decode([WireTemplate].self)
            #expect(list.first?.id == SandboxCatalog.templateID(forProduct: product))
            #expect(list.allSatisfy { $0.id.hasPrefix("TL-") && $0.scope != nil && $0.type != nil })
            #expect(templates.header("content-range") == "items 0-\(list.count - 1)/\(list.count)")
            let filtered = try await http.connect(
                "GET",
                "/products/\(product)/templates?and(eq(name,Default%20Activation%20Template),eq(scope,asset))&limit=1"
            ).decode([WireTemplate].self)
            #expect(filtered.map(\.name) == ["Default Activation Template"])

            let request = try await firstPending(http)
            let conversations = try await http.connect("GET", "/conversations?instance_id=\(request.id)")
                .decode([WireConversation].self)
            #expect(conversations.count == 1)
            let conversation = try #require(conversations.first)
            #expect(conversation.id.hasPrefix("CO-") && conversation.instanceID == request.id)
            let posted = try await http.connect(
                "POST", "/conversations/\(conversation.id)/messages",
                json: "{\"text\":\"Vendor cancel done\",\"type\":\"private\"}"
            )
            #expect(posted.status == 201)
            let message = try posted.decode(WireMessage.self)
            #expect(message.text == "Vendor cancel done" && message.conversation == conversation.id)
            #expect(message.id?.hasPrefix("ME-") == true)

            let context = try await http.connect("GET", "/auth/context").decode(WireAuthContext.self)
            #expect(context.account?.id == "VA-000-000")
            #expect(context.user?.id == "SU-000-000-000")
        }
    }
}
