public import AsyncHTTPClient
public import CancelDeskCore
internal import ConnectWire
internal import Foundation
public import Logging
internal import NIOHTTP1

/// ``RequestsAPI`` over Connect's REST API (AsyncHTTPClient).
///
/// Reads retry with full-jitter backoff and honour `Retry-After`; approve and fail are reconciled from the
/// request's status (``ActionReconciler``) and never re-sent blindly. Every answer about a request must be about
/// that request. Every exchange has a total deadline. The secret in the API key never reaches a log or a message.
public struct ConnectClient: RequestsAPI {
    let exchange: HTTPExchange
    let clock: MonotonicClock
    let random: @Sendable () -> Double
    /// Bounds the exchanges in flight to Connect (shared by every copy of this client and every worker of a run);
    /// nil: no bound beyond the callers' own.
    let limiter: ConcurrencyLimiter?

    /// - Parameters:
    ///   - http: the HTTP client to use; the caller owns it and shuts it down.
    ///   - clock: the clock for backoff sleeps and deadlines.
    ///   - random: a source of numbers in `0...1` for jitter.
    ///   - limiter: the run's adaptive bound on exchanges in flight to Connect; each exchange holds a slot while it
    ///     runs (never while it waits to retry).
    public init(
        configuration: ConnectClientConfiguration, http: HTTPClient, logger: Logger,
        clock: MonotonicClock = .continuous, random: @escaping @Sendable () -> Double = { .random(in: 0...1) },
        limiter: ConcurrencyLimiter? = nil
    ) {
        exchange = HTTPExchange(http: http, configuration: configuration, logger: logger)
        self.clock = clock
        self.random = random
        self.limiter = limiter
    }

    /// An HTTP client set up as canceldesk needs it: explicit connect and read timeouts, no redirects, and
    /// enough connections per host for `--concurrency` (AsyncHTTPClient's default of 8 would cap it).
    /// The total deadline of each call is ``ConnectClientConfiguration/totalTimeout``, applied per call.
    public static func makeHTTPClient(
        connectTimeout: Duration = .seconds(10), readTimeout: Duration = .seconds(30), connectionsPerHost: Int = 64
    ) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = connectionsPerHost
        configuration.redirectConfiguration = .disallow
        configuration.timeout = .init(
            connect: .nanoseconds(connectTimeout.wholeNanoseconds), read: .nanoseconds(readTimeout.wholeNanoseconds))
        configuration.decompression = .disabled
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    var configuration: ConnectClientConfiguration { exchange.configuration }

    // MARK: Reads

    /// A GET with retries on transient errors and 429 within the read policy; a cancelled task stops retrying.
    func get(_ pathAndQuery: String) async throws -> HTTPResult {
        let started = clock.now()
        var retry = 0
        while true {
            try Task.checkCancellation()
            do {
                return try await send(.GET, pathAndQuery)
            } catch let error as ServiceError {
                try Task.checkCancellation()
                guard error.retryable,
                    let wait = configuration.readRetry.delay(
                        retry: retry, elapsed: clock.now() - started, retryAfter: error.retryAfter,
                        unit: random())
                else { throw error }
                exchange.logger.info(
                    "retrying connect read",
                    metadata: [
                        "call": "\(HTTPExchange.pathOnly(pathAndQuery))", "error": "\(error.kind.rawValue)",
                        "wait_ms": "\(wait.wholeMilliseconds)",
                    ])
                try await clock.sleep(wait)
                retry += 1
            }
        }
    }

    /// Reads one request; an answer about another request is refused (`malformedResponse`, not retried).
    public func request(id: String) async throws -> FulfillmentRequest {
        let path = "/requests/" + (try checked(id))
        return try decodeRequest(try await get(path).body, about: id, call: "GET " + path)
    }

    /// Decodes one request and checks that it is the request `call` was about.
    func decodeRequest(_ body: Data, about id: String, call: String) throws -> FulfillmentRequest {
        let request = try decodeOne(body)
        guard request.id == id else {
            throw ServiceError(
                service: .connect, kind: .malformedResponse,
                messages: ["\(call) answered about \(request.id), not \(id)"])
        }
        return request
    }

    /// Decodes one request; the decoding diagnostics are redacted and sanitized.
    func decodeOne(_ body: Data) throws -> FulfillmentRequest {
        do {
            return try RequestPageDecoder.decodeOne(body)
        } catch let error as ServiceError {
            throw exchange.scrubber.error(error)
        }
    }

    /// Every template of the product, across every page (advancing by the rows each page actually held, until
    /// `Content-Range` says the list is complete or a page comes back empty).
    public func templates(productID: String) async throws -> [Template] {
        let product = try checked(productID)
        var wire: [WireTemplate] = []
        var offset = 0
        // A list that never ends (a server that ignores `offset`) stops after this many pages.
        for _ in 0..<Self.maximumTemplatePages {
            let result = try await get("/products/\(product)/templates?limit=100&offset=\(offset)")
            let page: [WireTemplate]
            do {
                page = try JSONDecoder().decode([WireTemplate].self, from: result.body)
            } catch {
                throw ServiceError(
                    service: .connect, kind: .malformedResponse,
                    messages: [
                        exchange.scrubber.message("template list is malformed: \(DecodingDiagnostics.describe(error))")
                    ])
            }
            wire += page
            offset += page.count
            let total = result.contentRange.flatMap(ContentRange.init(header:))?.total
            guard !page.isEmpty, let total, offset < total else { break }
        }
        return wire.map { template in
            let kind: Template.Kind =
                switch template.type ?? "" {
                case "fulfillment": .fulfillment
                case "inquire": .inquire
                case "pending": .pending
                case let other: .unknown(other)
                }
            return Template(id: template.id, name: template.name ?? "", scope: template.scope ?? "", kind: kind)
        }
    }

    /// Pages of templates read at most (100 each).
    static let maximumTemplatePages = 100

    public func authContext() async throws -> AuthContext {
        let result = try await get("/auth/context")
        guard let wire = try? JSONDecoder().decode(WireAuthContext.self, from: result.body) else {
            throw ServiceError(service: .connect, kind: .malformedResponse, messages: ["auth context is malformed"])
        }
        return AuthContext(
            accountID: wire.account?.id ?? "", accountName: wire.account?.name ?? "", userID: wire.user?.id ?? "",
            userName: wire.user?.name ?? "")
    }

    // MARK: Writes

    public func approve(id: String, templateID: String) async throws -> ActionOutcome {
        let body = try JSONEncoder().encode(WireApproveBody(templateID: templateID))
        return try await reconciledAction(id: id, body: body, target: .approved)
    }

    /// Fails (rejects) the request; the reason is redacted before it leaves (defence in depth).
    public func fail(id: String, reason: String) async throws -> ActionOutcome {
        let body = try JSONEncoder().encode(WireFailBody(reason: exchange.scrubber.redact(reason)))
        return try await reconciledAction(id: id, body: body, target: .failed)
    }

    /// Runs ``ActionReconciler`` against the network.
    func reconciledAction(id: String, body: Data, target: ActionReconciler.Target) async throws -> ActionOutcome {
        let requestPath = "/requests/\(try checked(id))"
        let path = requestPath + (target == .approved ? "/approve" : "/fail")
        var machine = ActionReconciler(target: target, requestID: id, policy: configuration.actionRetry)
        let started = clock.now()
        var action = machine.start()
        while true {
            switch action {
            case .send(let wait):
                if wait > .zero { try await clock.sleep(wait) }
                do {
                    let result = try await send(.POST, path, body: body)
                    action = machine.sent(try decodeOne(result.body))
                } catch let error as ServiceError {
                    exchange.logger.notice(
                        "connect action answered with an error; re-reading",
                        metadata: ["call": "POST \(path)", "error": "\(error.kind.rawValue)"])
                    action = machine.sendFailed(error)
                }
            case .reread(let wait):
                if wait > .zero { try await clock.sleep(wait) }
                do {
                    let result = try await send(.GET, requestPath)
                    let request = try decodeOne(result.body)
                    action = machine.reread(request, elapsed: clock.now() - started, unit: random())
                } catch let error as ServiceError {
                    action = machine.rereadFailed(error, elapsed: clock.now() - started, unit: random())
                }
            case .finish(let outcome):
                return outcome
            case .fail(let error):
                throw error
            }
        }
    }

    public func assign(id: String, to user: UserReference) async throws -> FulfillmentRequest {
        let body: WireAssignBody =
            switch user {
            case .id(let userID): WireAssignBody(id: userID)
            case .email(let email): WireAssignBody(email: email)
            }
        let path = "/requests/\(try checked(id))/assign"
        let result = try await send(.POST, path, body: try JSONEncoder().encode(body))
        return try decodeRequest(result.body, about: id, call: "POST " + path)
    }

    public func postMessage(requestID: String, text: String, visibility: MessageVisibility) async throws {
        let conversation = try await conversationID(of: requestID)
        let message = WireMessage(
            text: exchange.scrubber.redact(text), type: visibility == .everyone ? "message" : "private")
        _ = try await send(
            .POST, "/conversations/\(try checked(conversation))/messages", body: try JSONEncoder().encode(message))
    }

    /// Refuses identifiers that are not safe to put in a URL path.
    func checked(_ id: String) throws -> String {
        guard RequestMapping.isSafeIdentifier(id) else {
            throw ServiceError(
                service: .connect, kind: .refused,
                messages: ["invalid identifier \"\(exchange.scrubber.message(id, limit: 80))\""])
        }
        return id
    }
}
