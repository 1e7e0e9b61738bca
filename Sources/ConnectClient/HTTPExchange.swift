internal import AsyncHTTPClient
internal import CancelDeskCore
internal import Foundation
internal import Logging
internal import Metrics
internal import NIOCore
internal import NIOHTTP1

/// One HTTP call's result: status, the headers canceldesk reads, and the body.
struct HTTPResult: Sendable {
    var status: Int
    var contentRange: String?
    var retryAfter: String?
    var body: Data
}

/// The only code that touches AsyncHTTPClient for Connect: builds requests, applies the total deadline and caps,
/// and turns transport failures and error statuses into ``ServiceError``s whose texts are redacted and sanitized.
struct HTTPExchange: Sendable {
    let http: HTTPClient
    let configuration: ConnectClientConfiguration
    let logger: Logger

    /// Redacts and sanitizes texts from Connect, and outbound texts.
    var scrubber: ConnectScrubber { ConnectScrubber(apiKey: configuration.apiKey) }

    /// Makes one call. Returns 2xx results; throws ``ServiceError`` for everything else, or `CancellationError` when
    /// the calling task is cancelled.
    ///
    /// The whole exchange (connect, headers and body) must end within `configuration.totalTimeout`:
    /// AsyncHTTPClient's own deadline does not cover the body stream, so the exchange races a timer.
    func send(_ method: HTTPMethod, _ pathAndQuery: String, body: Data? = nil) async throws -> HTTPResult {
        let call = "\(method.rawValue) \(Self.pathOnly(pathAndQuery))"
        if configuration.readOnly && method != .GET {
            throw ServiceError(
                service: .connect, kind: .refused, messages: ["read-only mode: \(call) was not sent"])
        }
        var request = HTTPClientRequest(url: configuration.baseURL + pathAndQuery)
        request.method = method
        request.headers.add(name: "Authorization", value: configuration.apiKey.headerValue)
        request.headers.add(name: "User-Agent", value: configuration.userAgent)
        request.headers.add(name: "Accept", value: "application/json")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let started = ContinuousClock.now
        let result: HTTPResult
        do {
            result = try await withinDeadline(request)
        } catch let error as ServiceError {
            Self.recordCall(status: "error", elapsed: ContinuousClock.now - started)
            logger.debug("connect call failed", metadata: ["call": "\(call)", "error": "\(error.kind.rawValue)"])
            throw error
        } catch {
            if Task.isCancelled { throw CancellationError() }
            Self.recordCall(status: "error", elapsed: ContinuousClock.now - started)
            logger.debug("connect call failed", metadata: ["call": "\(call)"])
            throw ServiceError(service: .connect, kind: .transient, messages: [scrubber.message(Self.describe(error))])
        }
        let elapsed = ContinuousClock.now - started
        Self.recordCall(status: String(result.status), elapsed: elapsed)
        logger.debug(
            "connect call",
            metadata: ["call": "\(call)", "status": "\(result.status)", "ms": "\(elapsed.wholeMilliseconds)"])
        if (200..<300).contains(result.status) { return result }
        throw classify(result)
    }

    /// Runs the exchange against a timer; whichever ends first wins and the other is cancelled.
    private func withinDeadline(_ request: HTTPClientRequest) async throws -> HTTPResult {
        let limit = configuration.totalTimeout
        return try await withThrowingTaskGroup(of: HTTPResult?.self) { group in
            group.addTask { try await exchange(request) }
            group.addTask {
                try await Task.sleep(for: limit)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let result = first else {
                try Task.checkCancellation()
                throw ServiceError(
                    service: .connect, kind: .transient,
                    messages: ["no complete answer within \(DurationText.spoken(limit))"])
            }
            return result
        }
    }

    /// One request and its whole body.
    private func exchange(_ request: HTTPClientRequest) async throws -> HTTPResult {
        do {
            let response = try await http.execute(
                request, timeout: .nanoseconds(configuration.totalTimeout.wholeNanoseconds))
            let bytes = try await response.body.collect(upTo: configuration.maxResponseBytes)
            return HTTPResult(
                status: Int(response.status.code), contentRange: response.headers.first(name: "Content-Range"),
                retryAfter: response.headers.first(name: "Retry-After"), body: Data(bytes.readableBytesView))
        } catch is NIOTooManyBytesError {
            throw ServiceError(
                service: .connect, kind: .malformedResponse,
                messages: ["response larger than \(configuration.maxResponseBytes) bytes"])
        }
    }

    /// Maps a non-2xx response to a ``ServiceError`` with Connect's envelope when it has one.
    ///
    /// 408, 423, 425, 5xx are transient; 429 and any other status carrying `Retry-After` are rate limits (with the
    /// wait when it parses). Texts are redacted and sanitized; a body that is not Connect's JSON envelope is only
    /// described by a short snippet.
    func classify(_ result: HTTPResult) -> ServiceError {
        let envelope = try? JSONDecoder().decode(ErrorEnvelope.self, from: result.body)
        let messages: [String]
        if let errors = envelope?.errors, !errors.isEmpty {
            messages = errors
        } else {
            messages = bodySnippet(result.body)
        }
        let retryAfter = result.retryAfter.flatMap {
            RetryAfter.parse($0, now: Date().timeIntervalSince1970)
        }
        let kind: ServiceError.Kind =
            switch result.status {
            case 408, 423, 425, 500...599: .transient
            case 429: .rateLimited
            case _ where result.retryAfter != nil: .rateLimited
            case 401: .unauthorized
            case 403: .forbidden
            case 404: .notFound
            default: .rejected
            }
        return scrubber.error(
            ServiceError(
                service: .connect, kind: kind, code: envelope?.errorCode, messages: messages,
                httpStatus: result.status, retryAfter: retryAfter))
    }

    /// A short, redacted and sanitized description of a body that is not Connect's error envelope.
    func bodySnippet(_ body: Data) -> [String] {
        guard !body.isEmpty else { return [] }
        let text = String(decoding: body.prefix(ConnectScrubber.scanLimit), as: UTF8.self)
        let collapsed = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return ["unexpected error body (\(body.count) bytes): " + scrubber.message(collapsed, limit: 120)]
    }

    /// Counts the call by status (`error` when no whole answer came) and times it, through swift-metrics: no-ops
    /// unless the executable bootstrapped a backend (the names are `CancelDeskOps.OpsMetrics`').
    static func recordCall(status: String, elapsed: Duration) {
        let upstream = ("upstream", "connect")
        Counter(label: "canceldesk_calls_total", dimensions: [upstream, ("status", status)]).increment()
        Metrics.Timer(label: "canceldesk_call_duration_seconds", dimensions: [upstream]).record(duration: elapsed)
    }

    static func pathOnly(_ pathAndQuery: String) -> String {
        String(pathAndQuery.prefix { $0 != "?" })
    }

    /// A transport error's description (redact it before use: some errors carry the URL).
    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout: return "connect timeout"
            case .readTimeout: return "read timeout"
            case .deadlineExceeded: return "call took longer than the total timeout"
            case .remoteConnectionClosed: return "connection closed by the server"
            default: return "HTTP client error: \(error)"
            }
        }
        return "network error: \(error)"
    }
}

/// Connect's error envelope, read leniently: either field may be missing.
private struct ErrorEnvelope: Decodable {
    var errorCode: String?
    var errors: [String]?

    enum CodingKeys: String, CodingKey {
        case errors
        case errorCode = "error_code"
    }
}
