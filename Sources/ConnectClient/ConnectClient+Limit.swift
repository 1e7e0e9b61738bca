internal import CancelDeskCore
internal import Foundation
internal import NIOHTTP1

extension ConnectClient {
    /// One Connect exchange holding a slot of the run's Connect ``ConcurrencyLimiter`` (when there is one) for the
    /// exchange only: retry sleeps happen outside. Its outcome feeds the adaptive limit.
    func send(_ method: HTTPMethod, _ pathAndQuery: String, body: Data? = nil) async throws -> HTTPResult {
        guard let limiter else { return try await exchange.send(method, pathAndQuery, body: body) }
        return try await limiter.withPermit {
            try await exchange.send(method, pathAndQuery, body: body)
        } outcome: { result in
            switch result {
            case .success: .success
            case .failure(let error): Self.limitOutcome(error)
            }
        }
    }

    /// What a failed exchange says about Connect's capacity: 429 or any answer with `Retry-After` is a rate limit;
    /// 5xx, 408 and transport failures (no status) are server errors; other answers are successes (Connect
    /// answered); refusals before sending, unreadable answers and cancellation say nothing.
    static func limitOutcome(_ error: any Error) -> AIMDLimit.Outcome {
        guard let error = error as? ServiceError else { return .neutral }
        if error.kind == .rateLimited || error.retryAfter != nil { return .rateLimited(retryAfter: error.retryAfter) }
        switch error.kind {
        case .transient:
            if let status = error.httpStatus, !(status == 408 || (500..<600).contains(status)) { return .success }
            return .serverError
        case .unauthorized, .forbidden, .notFound, .rejected: return .success
        case .malformedResponse, .refused, .rateLimited: return .neutral
        }
    }
}
