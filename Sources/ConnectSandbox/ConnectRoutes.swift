import ConnectWire
import Hummingbird

/// The Connect API under `/public/v1`: requests and their actions, templates, conversations, auth context.
struct ConnectRoutes: Sendable {
    let store: ConnectStore
    let options: SandboxOptions
    /// Where successful changes are kept across runs, when the sandbox has a state path.
    let stateLog: SandboxStateLog?
    /// What Connect's RQL would refuse, per collection.
    let rules: SpecRules

    init(store: ConnectStore, options: SandboxOptions, stateLog: SandboxStateLog?) {
        self.store = store
        self.options = options
        self.stateLog = stateLog
        self.rules = SpecRules(acceptsPreviewFilter: options.acceptsPreviewFilter)
    }

    /// The request actions `POST /requests/{id}/<action>`.
    enum Action: String {
        case approve, fail, inquire, pend, assign, unassign
    }

    func register(on router: Router<BasicRequestContext>) {
        let api = router.group("public/v1")
        api.get("requests") { request, _ in try await listRequests(request) }
        api.get("requests/:id") { _, context in
            Responses.json(try await store.request(try context.parameters.require("id")))
        }
        api.put("requests/:id") { request, context in
            let id = try context.parameters.require("id")
            let body = try await decode(WireUpdateBody.self, request, empty: nil)
            let updated = try await store.update(id, body)
            stateLog?.append(.init(kind: "update", id: id, update: body))
            return Responses.json(updated)
        }
        api.post("requests/:id/:action") { request, context in
            try await act(request, id: try context.parameters.require("id"), action: context.parameters.get("action"))
        }
        api.get("products/:product/templates") { request, context in
            try templates(request, product: try context.parameters.require("product"))
        }
        api.get("conversations") { request, _ in
            let query = try parse(request, rules.conversations)
            let compiled = CompiledQuery(query, fields: store.conversationFields)
            let page = await store.listConversations(query, compiled: compiled, pageCap: options.pageCap)
            return Responses.json(page.items, contentRange: page.contentRange)
        }
        api.get("conversations/:id") { _, context in
            Responses.json(try await store.conversation(try context.parameters.require("id")))
        }
        api.get("conversations/:id/messages") { request, context in
            let query = try parse(request, rules.messages)
            let messages = try await store.messages(conversation: try context.parameters.require("id"))
            let rows = CompiledQuery(query, fields: SandboxMessage.fields).evaluate(messages)
            let window = Page<SandboxMessage>.window(
                limit: query.limit, offset: query.offset, cap: options.pageCap, total: rows.count)
            let items = window.range.map { messages[Int(rows[$0])] }
            let page = Page(items: items, total: rows.count, offset: window.offset)
            return Responses.json(page.items, contentRange: page.contentRange)
        }
        api.post("conversations/:id/messages") { request, context in
            let conversation = try context.parameters.require("id")
            let body = try await decode(WireMessage.self, request, empty: nil)
            let type = body.type ?? "message"
            guard ["message", "private", "state_change"].contains(type) else {
                throw ConnectFailure.validation("type: \"\(type)\" is not a valid choice.")
            }
            guard !body.text.isEmpty else { throw ConnectFailure.validation("text: This field may not be blank.") }
            let message = try await store.postMessage(conversation: conversation, text: body.text, type: type)
            return Responses.json(message, status: 201)
        }
        api.get("auth/context") { _, _ in
            Responses.json(
                WireAuthContext(
                    account: WireReference(id: "VA-000-000", name: "Sandbox Vendor"),
                    user: WireReference(id: "SU-000-000-000", name: "canceldesk sandbox")
                ))
        }
        router.get("public/v1") { _, _ in
            var response = Responses.json(WireAuthContext())
            response.headers[.server] = "connect-sandbox (Connect-Version 37.0)"
            return response
        }
    }

    private func listRequests(_ request: Request) async throws -> Response {
        let query = try parse(request, rules.requests)
        let compiled = CompiledQuery(query, fields: store.requestFields)
        let page = await store.listRequests(query, compiled: compiled, pageCap: options.pageCap)
        return Responses.json(page.items, contentRange: page.contentRange)
    }

    private func act(_ request: Request, id: String, action: String?) async throws -> Response {
        guard let action = action.flatMap(Action.init(rawValue:)) else {
            throw HTTPError(.notFound, message: "Unknown action.")
        }
        let updated: WireRequest
        var change = SandboxStateLog.Change(kind: action.rawValue, id: id)
        switch action {
        case .approve:
            let body = try await decode(WireApproveBody.self, request, empty: .init())
            updated = try await store.approve(id, body)
            change.approve = body
        case .fail:
            let body = try await decode(WireFailBody.self, request, empty: .init(reason: nil))
            updated = try await store.fail(id, body)
            change.fail = body
        case .inquire:
            _ = try await decode(WireApproveBody.self, request, empty: .init())
            updated = try await store.inquire(id)
        case .pend:
            updated = try await store.pend(id)
        case .assign:
            let body = try await decode(WireAssignBody.self, request, empty: .init())
            updated = try await store.assign(id, body)
            change.assign = body
        case .unassign:
            updated = try await store.unassign(id)
        }
        stateLog?.append(change)
        return Responses.json(updated)
    }

    private func templates(_ request: Request, product: String) throws -> Response {
        guard let index = ProductSpec.index(of: product) else {
            throw ConnectFailure(status: 404, code: "PRD_404", message: "Product \(product) not found.")
        }
        let query = try parse(request, rules.templates)
        let fields = FieldTable<WireTemplate>([
            "id": .text { $0.id }, "name": .text { $0.name }, "title": .text { $0.title },
            "scope": .text { $0.scope }, "type": .text { $0.type }, "position": .text { $0.position.map(String.init) },
        ])
        let templates = store.catalog.templates[index]
        let rows = CompiledQuery(query, fields: fields).evaluate(templates)
        let window = Page<WireTemplate>.window(
            limit: query.limit, offset: query.offset, cap: options.pageCap, total: rows.count
        )
        let page = Page(items: window.range.map { templates[Int(rows[$0])] }, total: rows.count, offset: window.offset)
        return Responses.json(page.items, contentRange: page.contentRange)
    }

    /// The request's RQL, understood and checked against the collection's `rules` (400 otherwise).
    private func parse(_ request: Request, _ rules: CollectionRules) throws -> RQLQuery {
        let query: RQLQuery
        do {
            query = try RQLQuery(rawQuery: request.uri.query)
        } catch {
            throw ConnectFailure(status: 400, code: CollectionRules.errorCode, message: error.description)
        }
        try rules.check(query)
        return query
    }

    private func decode<T: Decodable & Sendable>(_ type: T.Type, _ request: Request, empty: T?) async throws -> T {
        switch try await Responses.decodeBody(type, from: request, empty: empty) {
        case .success(let body): return body
        case .failure(let error): throw ConnectFailure.validation(error.message)
        }
    }
}
