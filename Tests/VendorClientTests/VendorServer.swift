import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import VendorClient

/// One request as the test vendor received it.
struct ReceivedRequest: Sendable {
    var method: String
    /// The raw request target (path and query) as sent on the wire, percent-encoding intact.
    var target: String
    /// Header values by lower-cased name; repeated headers joined with ", ".
    var headers: [String: String]
    var body: Data
}

/// A real HTTP server on 127.0.0.1 (any free port) that plays a vendor. The last path segment before `/cancel`
/// (or the last segment) picks the scenario; every request is recorded.
final class VendorServer: Sendable {
    let port: Int
    let recorder: Recorder

    var baseURL: String { "http://127.0.0.1:\(port)/vendor/v1" }

    init(port: Int, recorder: Recorder) {
        self.port = port
        self.recorder = recorder
    }

    /// A key the server answers 401 to, whatever the path.
    static let rejectedKey = "rejected-key"

    var received: [ReceivedRequest] { get async { await recorder.requests } }

    actor Recorder {
        var requests: [ReceivedRequest] = []

        func record(_ request: ReceivedRequest) { requests.append(request) }
    }

    /// Runs `body` against a fresh server and a fresh vendor HTTP client; both are shut down after.
    static func with<T: Sendable>(
        _ body: @Sendable (VendorServer, HTTPClient) async throws -> T
    ) async throws -> T {
        let recorder = Recorder()
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            try await respond(to: request, recorder: recorder)
        }
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            responder: responder, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portSink.yield(channel.localAddress?.port ?? 0)
                portSink.finish()
            },
            logger: Fixtures.quietLogger)
        let http = HTTPVendorClient.makeHTTPClient(connectTimeout: .seconds(2), readTimeout: .seconds(10))
        do {
            let result = try await withThrowingTaskGroup(of: Void.self, returning: T.self) { group in
                group.addTask { try await app.run() }
                defer { group.cancelAll() }
                var iterator = ports.makeAsyncIterator()
                guard let port = await iterator.next(), port > 0 else { throw ServerDidNotStart() }
                return try await body(VendorServer(port: port, recorder: recorder), http)
            }
            try await http.shutdown()
            return result
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    struct ServerDidNotStart: Error {}

    private static func respond(to request: Request, recorder: Recorder) async throws -> Response {
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { $0 + ", " + field.value } ?? field.value
        }
        let body = try await request.body.collect(upTo: 1 << 20)
        let target = request.head.path ?? ""
        await recorder.record(
            ReceivedRequest(
                method: request.method.rawValue, target: target, headers: headers, body: Data(body.readableBytesView)))
        if headers["authorization"] == "Bearer \(rejectedKey)" { return json(401, #"{"error":"invalid_token"}"#) }
        var segments = target.split(separator: "?")[0].split(separator: "/").map(String.init)
        if segments.last == "cancel" { segments.removeLast() }
        return try await answer(scenario: segments.last ?? "", request: request)
    }

    /// The answer for a scenario (the subscription id in the path).
    private static func answer(scenario: String, request: Request) async throws -> Response {
        switch scenario {
        case "ok":
            return json(200, #"{"id":"ok","status":"cancelled","message":"Subscription ok cancelled"}"#)
        case "plain-ok":
            return json(200, #"{"id":"plain-ok","status":"cancelled"}"#)
        case "no-content":
            return json(204, "")
        case "already-409":
            return json(409, #"{"error":"already_cancelled","message":"Subscription was cancelled on 2024-05-01"}"#)
        case "gone":
            return json(410, "")
        case "in-progress":
            return json(409, #"{"error":"request_in_progress","message":"A request with this key is in progress"}"#)
        case "conflict":
            return json(409, #"{"error":"state_conflict","message":"Subscription is suspended"}"#)
        case "invalid":
            return json(
                422, #"{"error":"cancellation_window_closed","message":"Cancellation window closed on 2024-04-30"}"#)
        case "error-only":
            return json(400, #"{"error":"bad_subscription"}"#)
        case "html":
            return Response(
                status: .init(code: 400), headers: [.contentType: "text/html"],
                body: .init(byteBuffer: ByteBuffer(string: "<html><body>Bad Request</body></html>")))
        case "unauthorized":
            return json(401, #"{"error":"invalid_token"}"#)
        case "forbidden":
            return json(403, #"{"error":"forbidden"}"#)
        case "rate-limited":
            var response = json(429, #"{"error":"too_many_requests"}"#)
            response.headers[.retryAfter] = "7"
            return response
        case "rate-limited-date":
            var response = json(429, "")
            response.headers[.retryAfter] = "Thu, 01 Jan 2099 00:00:00 GMT"
            return response
        case "unavailable":
            return json(503, #"{"message":"maintenance"}"#)
        case "timeout-408":
            return json(408, "")
        case "redirect":
            var response = json(302, "")
            response.headers[.location] = "/vendor/v1/elsewhere"
            return response
        case "slow":
            try await Task.sleep(for: .seconds(10))
            return json(200, "{}")
        case "huge":
            return json(200, String(repeating: "x", count: 2 << 20))
        case "huge-error":
            return json(422, String(repeating: "y", count: 2 << 20))
        case "active":
            return json(200, #"{"id":"active","status":"active"}"#)
        case "suspended":
            return json(200, #"{"id":"suspended","status":"suspended"}"#)
        case "cancelled":
            return json(200, #"{"id":"cancelled","status":"cancelled"}"#)
        case "canceldesk-reachability-check":
            // The sandbox's answer to the reachability probe: a 404 about the subscription, naming it.
            return json(
                404, #"{"error":"not_found","message":"Subscription canceldesk-reachability-check does not exist"}"#)
        default:
            return json(404, #"{"error":"not_found","message":"No such subscription"}"#)
        }
    }

    private static func json(_ status: Int, _ text: String) -> Response {
        Response(
            status: .init(code: status), headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
