import AsyncHTTPClient
import CancelDeskCore
import CancelDeskTestSupport
import ConnectClient
import Foundation
import Logging

/// A ``ConnectClient`` pointed at a ``HostileServer`` (127.0.0.1, any free port), and the bodies a hostile Connect
/// answers with.
enum HostileConnect {
    /// The secret part of the key the client sends; it is never registered with ``SecretRedactor``.
    static let secret = "zq9Xnotregistered77"
    static let key = "ApiKey SU-900-800-700:" + secret

    /// A minimal, valid request body.
    static func request(_ id: String, status: String = "pending", subscription: String = "SUB-1") -> String {
        """
        {"id":"\(id)","type":"cancel","status":"\(status)","created":"2024-01-02T03:04:05+00:00",\
        "asset":{"id":"AS-\(id)","status":"terminating","product":{"id":"PRD-100-200-300"},\
        "connection":{"id":"CT-1","type":"production"},\
        "params":[{"id":"subscription_id","phase":"fulfillment","value":"\(subscription)"}]}}
        """
    }

    /// A page holding the given requests.
    static func page(_ ids: [String]) -> String {
        "[" + ids.map { request($0) }.joined(separator: ",") + "]"
    }

    static let scope = QueueScope(products: ["PRD-100-200-300"])

    /// Retries quickly, at most `attempts` calls.
    static func quick(_ attempts: Int) -> RetryPolicy {
        RetryPolicy(maxAttempts: attempts, baseDelay: .milliseconds(10), maxDelay: .milliseconds(50))
    }

    /// Runs `body` with a client for a fresh hostile server answering with `respond`.
    static func with<T: Sendable>(
        totalTimeout: Duration = .seconds(10), readAttempts: Int = 3, actionAttempts: Int = 3, pageSize: Int = 100,
        configure: @Sendable (inout ConnectClientConfiguration) -> Void = { _ in },
        respond: @escaping @Sendable (HostileRequest) async -> HostileReply,
        _ body: @Sendable (HostileServer, ConnectClient) async throws -> T
    ) async throws -> T {
        let http = ConnectClient.makeHTTPClient()
        do {
            let result = try await HostileServer.with(respond: respond) { server in
                var configuration = ConnectClientConfiguration(
                    baseURL: server.baseURL + "/public/v1", apiKey: ConnectAPIKey(key)!, totalTimeout: totalTimeout,
                    pageSize: pageSize, readRetry: quick(readAttempts), actionRetry: quick(actionAttempts))
                configure(&configuration)
                let client = ConnectClient(
                    configuration: configuration, http: http, logger: Logger(label: "hostile-test"), random: { 0.5 })
                return try await body(server, client)
            }
            try await http.shutdown()
            return result
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    /// Runs `operation`; when it has not ended after `limit`, cancels it. Returns its result and how long it took.
    static func timed<T: Sendable>(
        cancelAfter limit: Duration, _ operation: @escaping @Sendable () async throws -> T
    ) async -> (result: Result<T, any Error>, elapsed: Duration) {
        let started = ContinuousClock.now
        let result = await withTaskGroup(of: Result<T, any Error>?.self) { group in
            group.addTask {
                do { return .success(try await operation()) } catch { return .failure(error) }
            }
            group.addTask {
                try? await Task.sleep(for: limit)
                return nil
            }
            var outcome: Result<T, any Error>?
            while let next = await group.next() {
                if let next {
                    outcome = next
                    group.cancelAll()
                } else if outcome == nil {
                    group.cancelAll()
                }
            }
            return outcome ?? .failure(CancellationError())
        }
        return (result, ContinuousClock.now - started)
    }
}

extension Result {
    /// The error as a ``ServiceError``, if it is one.
    var serviceError: ServiceError? {
        if case .failure(let error) = self { return error as? ServiceError }
        return nil
    }
}
