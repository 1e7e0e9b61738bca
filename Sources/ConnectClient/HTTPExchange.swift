internal import AsyncHTTPClient
internal import CancelDeskCore
internal import ConnectWire
internal import Foundation
internal import Logging
internal import NIOCore
internal import NIOHTTP1

/// One HTTP call's result: status, the headers canceldesk reads, and the body.
struct HTTPResult: Sendable {
    var status: Int
    var contentRange: String?
    var retryAfter: String?
    var body: Data
}

/// The only code that touches AsyncHTTPClient for Connect: builds requests, applies timeouts and caps,
/// and turns transport failures and error statuses into ``ServiceError``s.
struct HTTPExchange: Sendable {
    let http: HTTPClient
    let configuration: ConnectClientConfiguration
    let logger: Logger

    /// Makes one call. Returns 2xx results; throws ``ServiceError`` for everything else.
    func send(_ method: HTTPMethod, _ pathAndQuery: String, body: Data? = nil) async throws -> HTTPResult {
        if configuration.readOnly && method != .GET {
            throw ServiceError(
                service: .connect, kind: .refused,
                messages: ["read-only mode: \(method.rawValue) \(Self.pathOnly(pathAndQuery)) was not sent"])
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
            let response = try await http.execute(request, timeout: .nanoseconds(configuration.totalTimeout.nanoseconds))
            let bytes = try await response.body.collect(upTo: configuration.maxResponseBytes)
            let data = Data(bytes.readableBytesView)
            result = HTTPResult(
                status: Int(response.status.code), contentRange: response.headers.first(name: "Content-Range"),
                retryAfter: response.headers.first(name: "Retry-After"), body: data)
        } catch let error as NIOTooManyBytesError {
            _ = error
            throw ServiceError(
                service: .connect, kind: .malformedResponse,
                messages: ["response larger than \(configuration.maxResponseBytes) bytes"])
        } catch {
            logger.debug("connect call failed", metadata: ["call": "\(method.rawValue) \(Self.pathOnly(pathAndQuery))"])
            throw ServiceError(service: .connect, kind: .transient, messages: [Self.describe(error)])
        }
        let elapsed = ContinuousClock.now - started
        logger.debug(
            "connect call",
            metadata: [
                "call": "\(method.rawValue) \(Self.pathOnly(pathAndQuery))", "status": "\(result.status)",
                "ms": "\(elapsed.milliseconds)",
            ])
        if (200..<300).contains(result.status) { return result }
        throw classify(result)
    }

    /// Maps a non-2xx response to a ``ServiceError`` with Connect's envelope when it has one.
    func classify(_ result: HTTPResult) -> ServiceError {
        let envelope = try? JSONDecoder().decode(WireError.self, from: result.body)
        let messages = envelope?.errors ?? Self.bodySnippet(result.body)
        let retryAfter = result.retryAfter.flatMap {
            RetryAfter.parse($0, now: Date().timeIntervalSince1970)
        }
        let kind: ServiceError.Kind =
            switch result.status {
            case 401: .unauthorized
            case 403: .forbidden
            case 404: .notFound
            case 408, 425: .transient
            case 429: .rateLimited
            case 500...599: .transient
            default: .rejected
            }
        return ServiceError(
            service: .connect, kind: kind, code: envelope?.errorCode, messages: messages, httpStatus: result.status,
            retryAfter: retryAfter)
    }

    static func bodySnippet(_ body: Data) -> [String] {
        guard !body.isEmpty else { return [] }
        let text = String(decoding: body.prefix(300), as: UTF8.self)
        return [text.count < body.count ? text + "…" : text]
    }

    static func pathOnly(_ pathAndQuery: String) -> String {
        String(pathAndQuery.prefix { $0 != "?" })
    }

    /// A transport error's description; AsyncHTTPClient's errors carry no headers, so no secret.
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

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    var milliseconds: Int64 { nanoseconds / 1_000_000 }
}
