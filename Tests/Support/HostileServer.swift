public import Foundation
internal import Hummingbird
internal import Logging
internal import NIOCore

/// One request as the hostile server received it.
public struct HostileRequest: Sendable {
    public var method: String
    /// The path without the query, percent-encoding intact.
    public var path: String
    /// The raw query (after `?`), or empty.
    public var query: String
    /// Header values by lower-cased name; repeated headers joined with ", ".
    public var headers: [String: String]
    public var body: Data

    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// What the hostile server answers: any status, any headers, a body sent in chunks with a pause before each
/// chunk after the first (a trickle), or a body that never finishes.
public struct HostileReply: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var chunks: [Data]
    /// Pause before each chunk after the first.
    public var pause: Duration
    /// After the chunks, keep the connection open without finishing the body (until the client gives up).
    public var neverFinish: Bool

    public init(
        status: Int, headers: [(name: String, value: String)] = [], chunks: [Data] = [], pause: Duration = .zero,
        neverFinish: Bool = false
    ) {
        self.status = status
        self.headers = headers
        self.chunks = chunks
        self.pause = pause
        self.neverFinish = neverFinish
    }

    /// A JSON answer in one piece.
    public static func json(_ status: Int, _ text: String, headers: [(name: String, value: String)] = []) -> Self {
        HostileReply(
            status: status, headers: [("Content-Type", "application/json")] + headers, chunks: [Data(text.utf8)])
    }

    /// Any text answer in one piece.
    public static func text(
        _ status: Int, _ text: String, contentType: String = "text/html", headers: [(name: String, value: String)] = []
    ) -> Self {
        HostileReply(status: status, headers: [("Content-Type", contentType)] + headers, chunks: [Data(text.utf8)])
    }

    /// `text` sent one byte at a time, `every` apart (the headers come at once).
    public static func trickle(
        _ status: Int, _ text: String, every: Duration, headers: [(name: String, value: String)] = []
    ) -> Self {
        HostileReply(
            status: status, headers: [("Content-Type", "application/json")] + headers,
            chunks: Array(text.utf8).map { Data([$0]) }, pause: every)
    }
}

/// A real HTTP server on 127.0.0.1 (any free port) that answers whatever a test's handler says: another request's
/// body, echoed headers, a body that trickles or never ends. It records every request and stops with the test.
public final class HostileServer: Sendable {
    public let port: Int
    private let recorder: Recorder

    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Every request received so far, oldest first.
    public var received: [HostileRequest] { get async { await recorder.requests } }

    init(port: Int, recorder: Recorder) {
        self.port = port
        self.recorder = recorder
    }

    actor Recorder {
        var requests: [HostileRequest] = []

        func record(_ request: HostileRequest) { requests.append(request) }
    }

    /// Runs `body` against a fresh server answering with `respond`; the server stops when `body` returns or throws.
    public static func with<T: Sendable>(
        respond: @escaping @Sendable (HostileRequest) async -> HostileReply,
        _ body: @Sendable (HostileServer) async throws -> T
    ) async throws -> T {
        let recorder = Recorder()
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            var headers: [String: String] = [:]
            for field in request.headers {
                let name = field.name.canonicalName
                headers[name] = headers[name].map { $0 + ", " + field.value } ?? field.value
            }
            let bytes = try await request.body.collect(upTo: 8 << 20)
            let target = request.head.path ?? ""
            let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
            let received = HostileRequest(
                method: request.method.rawValue, path: String(parts.first ?? ""),
                query: parts.count > 1 ? String(parts[1]) : "", headers: headers, body: Data(bytes.readableBytesView))
            await recorder.record(received)
            return response(for: await respond(received))
        }
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "hostile-server")
        logger.logLevel = .critical
        let app = Application(
            responder: responder, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portSink.yield(channel.localAddress?.port ?? 0)
                portSink.finish()
            },
            logger: logger)
        return try await withThrowingTaskGroup(of: Void.self, returning: T.self) { group in
            group.addTask { try await app.run() }
            defer { group.cancelAll() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0 else { throw ServerDidNotStart() }
            return try await body(HostileServer(port: port, recorder: recorder))
        }
    }

    struct ServerDidNotStart: Error {}

    private static func response(for reply: HostileReply) -> Response {
        var headers = HTTPFields()
        for (name, value) in reply.headers {
            if let field = HTTPFields.Element.Name(name) { headers.append(.init(name: field, value: value)) }
        }
        let chunks = reply.chunks
        let pause = reply.pause
        let neverFinish = reply.neverFinish
        let body = ResponseBody { writer in
            for (index, chunk) in chunks.enumerated() {
                if index > 0 && pause > .zero { try await Task.sleep(for: pause) }
                try await writer.write(ByteBuffer(bytes: chunk))
            }
            if neverFinish {
                // Hold the body open until the client goes away or the server stops.
                try await Task.sleep(for: .seconds(3_600))
            }
            try await writer.finish(nil)
        }
        return Response(status: .init(code: reply.status), headers: headers, body: body)
    }
}
