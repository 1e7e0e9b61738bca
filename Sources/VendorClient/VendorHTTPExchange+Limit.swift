internal import CancelDeskCore
internal import Foundation
internal import NIOHTTP1

extension VendorHTTPExchange {
    /// One vendor call holding a slot of the run's vendor ``ConcurrencyLimiter`` (when there is one) while it runs;
    /// its answer feeds the adaptive limit. A task cancelled while waiting for a slot sends nothing.
    func send(
        method: HTTPMethod, url: String, headers: HTTPHeaders, body: Data?, limiter: ConcurrencyLimiter?
    ) async -> Result<VendorHTTPResponse, VendorTransportFailure> {
        guard let limiter else { return await send(method: method, url: url, headers: headers, body: body) }
        let permit: ConcurrencyLimiter.Permit
        do {
            permit = try await limiter.acquire()
        } catch {
            return .failure(VendorTransportFailure(kind: .transient, message: "call cancelled"))
        }
        let result = await send(method: method, url: url, headers: headers, body: body)
        limiter.release(permit, Task.isCancelled ? .neutral : Self.limitOutcome(result))
        return result
    }

    /// What a vendor call says about the vendor's capacity: 429 or any answer with `Retry-After` is a rate limit;
    /// 5xx, 408 and transient transport failures (timeouts, resets) are server errors; other answers are successes;
    /// calls that could not be formed or failed TLS say nothing.
    static func limitOutcome(_ result: Result<VendorHTTPResponse, VendorTransportFailure>) -> AIMDLimit.Outcome {
        switch result {
        case .success(let response):
            if response.status == 429 || response.retryAfter != nil {
                let wait = response.retryAfter.flatMap { RetryAfter.parse($0, now: Date().timeIntervalSince1970) }
                return .rateLimited(retryAfter: wait)
            }
            return response.status == 408 || (500..<600).contains(response.status) ? .serverError : .success
        case .failure(let failure):
            return failure.kind == .transient ? .serverError : .neutral
        }
    }
}
