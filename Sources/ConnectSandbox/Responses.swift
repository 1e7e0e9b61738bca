import ConnectWire
import Foundation
import Hummingbird

/// Building HTTP answers: JSON bodies, Connect error envelopes, vendor errors and injected faults.
enum Responses {
    static func json<T: Encodable>(
        _ value: T, status: Int = 200, contentRange: String? = nil, retryAfter: String? = nil
    ) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else {
            return connectError(ConnectFailure(status: 500, code: "SYS_001", message: "Response encoding failed."))
        }
        var headers: HTTPFields = [.contentType: "application/json"]
        if let contentRange { headers[.contentRange] = contentRange }
        if let retryAfter { headers[.retryAfter] = retryAfter }
        return Response(
            status: HTTPResponse.Status(code: status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    static func connectError(_ failure: ConnectFailure, retryAfter: String? = nil) -> Response {
        let envelope = WireError(errorCode: failure.code, errors: [failure.message])
        return json(envelope, status: failure.status, retryAfter: retryAfter)
    }

    static func vendor(_ answer: VendorAnswer) -> Response {
        switch answer {
        case .subscription(let subscription): json(subscription)
        case .error(let status, let error, let retryAfter): json(error, status: status, retryAfter: retryAfter)
        }
    }

    static func rateLimited() -> Response {
        connectError(
            ConnectFailure(status: 429, code: "SYS_429", message: "Too many requests, retry later."), retryAfter: "1"
        )
    }

    /// An injected (scripted or random) fault in the style of the area it hits.
    static func fault(_ area: GatewayArea, status: Int, retryAfter: String?, html: Bool) -> Response {
        if html {
            let page =
                "<html><head><title>\(status) Error</title></head><body><center><h1>\(status) Error</h1>"
                + "</center><hr><center>nginx</center></body></html>\n"
            var headers: HTTPFields = [.contentType: "text/html"]
            if let retryAfter { headers[.retryAfter] = retryAfter }
            return Response(
                status: HTTPResponse.Status(code: status), headers: headers,
                body: ResponseBody(byteBuffer: ByteBuffer(string: page))
            )
        }
        if area == .vendor {
            let error = status == 429 ? "rate_limited" : "unavailable"
            let body = WireVendorError(error: error, message: "Injected fault \(status)")
            return json(body, status: status, retryAfter: retryAfter)
        }
        let code = status == 429 ? "SYS_429" : "SYS_001"
        return connectError(
            ConnectFailure(status: status, code: code, message: "Injected fault \(status)."), retryAfter: retryAfter
        )
    }

    /// The Idempotency-Key header (HTTPField names are matched case-insensitively).
    static func header(_ canonicalName: String, in request: Request) -> String? {
        request.headers.first { $0.name.canonicalName == canonicalName }?.value
    }

    /// Reads and decodes a JSON body. An empty body yields `empty` (or fails when `empty` is nil).
    static func decodeBody<T: Decodable & Sendable>(
        _ type: T.Type, from request: Request, empty: T?
    ) async throws -> Result<T, BodyError> {
        var request = request
        let buffer = try await request.collectBody(upTo: 4 << 20)
        guard buffer.readableBytes > 0 else {
            if let empty { return .success(empty) }
            return .failure(BodyError(message: "A JSON body is required."))
        }
        do {
            return .success(try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView)))
        } catch {
            return .failure(BodyError(message: "Invalid JSON body: \(Self.describe(error))"))
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "\(key.stringValue): This field is required."
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        case DecodingError.dataCorrupted(let context): context.debugDescription
        default: "\(error)"
        }
    }
}

/// A request body that could not be read as the expected JSON.
struct BodyError: Error, Sendable {
    let message: String
}
