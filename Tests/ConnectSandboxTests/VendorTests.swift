import ConnectWire
import Testing

@testable import ConnectSandbox

@Suite("Vendor API and idempotency")
struct VendorTests {
    /// The seeded vendor subscriptions of pending cancels, by behaviour (the sandbox seeds the same for this seed).
    static func seeds(_ options: SandboxOptions) -> [VendorSeed] {
        let catalog = SeedCatalog(seed: options.seed)
        return SeedGenerator(seed: options.seed, pendingCancels: options.requests, catalog: catalog).generate().vendor
    }

    static let options: SandboxOptions = {
        var options = SandboxOptions()
        options.requests = 300
        options.seed = 11
        return options
    }()

    static func normalSubscription() throws -> String {
        try #require(seeds(options).first { $0.behavior == .normal && !$0.cancelled }).subscriptionID
    }

    @Test func sameKeyReplaysAndTheCancelIsAppliedOnce() async throws {
        let subscription = try Self.normalSubscription()
        try await withLiveSandbox(Self.options) { http in
            let first = try await http.vendorCancel(subscription, request: "PR-1", key: "key-1")
            #expect(first.status == 200)
            let cancelled = try first.decode(WireVendorSubscription.self)
            #expect(cancelled.status == "cancelled" && cancelled.cancelledByRequest == "PR-1")
            let replay = try await http.vendorCancel(subscription, request: "PR-1", key: "key-1")
            #expect(replay.status == 200)
            #expect(replay.body == first.body)

            let otherBody = try await http.vendorCancel(subscription, request: "PR-2", key: "key-1")
            #expect(otherBody.status == 422)

            var stats = try await http.stats()
            #expect(stats.vendorCancelsApplied == 1)
            #expect(stats.vendorDuplicatesAbsorbed == 1)
            #expect(stats.vendorSubscriptionsCancelledTwice.isEmpty)
            #expect(stats.vendorCancelCalls == 3)

            let state = try await http.send("GET", http.endpoints.vendorURL + "/subscriptions/\(subscription)")
            #expect(try state.decode(WireVendorSubscription.self).status == "cancelled")

            // A client that makes up a new key for the same cancel is caught.
            let newKey = try await http.vendorCancel(subscription, request: "PR-1", key: "key-2")
            #expect(newKey.status == 409)
            #expect(try newKey.decode(WireVendorError.self).error == "already_cancelled")
            stats = try await http.stats()
            #expect(stats.vendorAlreadyCancelled == 1)
            #expect(stats.vendorCancelsApplied == 1)
            #expect(stats.vendorSubscriptionsCancelledTwice == [subscription])
        }
    }

    @Test func seededBehaviours() async throws {
        let seeds = Self.seeds(Self.options)
        let already = try #require(seeds.first { $0.cancelled && $0.cancelledByRequest == nil })
        let permanent = try #require(
            seeds.first {
                if case .permanent = $0.behavior { return true } else { return false }
            })
        let transient = try #require(
            seeds.first {
                if case .transient = $0.behavior { return true } else { return false }
            })
        try await withLiveSandbox(Self.options) { http in
            let gone = try await http.vendorCancel(already.subscriptionID, request: "PR-A", key: "a")
            #expect(gone.status == 409)

            let refused = try await http.vendorCancel(permanent.subscriptionID, request: "PR-P", key: "p")
            guard case .permanent(let status, let code, let message) = permanent.behavior else { return }
            #expect(refused.status == status)
            #expect(try refused.decode(WireVendorError.self) == WireVendorError(error: code, message: message))
            let refusedAgain = try await http.vendorCancel(permanent.subscriptionID, request: "PR-P", key: "p")
            #expect(refusedAgain.status == status)

            var statuses: [Int] = []
            for _ in 0..<4 {
                let reply = try await http.vendorCancel(transient.subscriptionID, request: "PR-T", key: "t")
                statuses.append(reply.status)
                if reply.status == 503 { #expect(reply.header("retry-after") == "1") }
            }
            #expect(statuses.first == 503)
            #expect(statuses.last == 200)
            #expect(statuses.filter { $0 == 503 }.count <= 2)
            let stats = try await http.stats()
            #expect(stats.vendorCancelsApplied == 1)
            #expect(stats.vendorAlreadyCancelled == 1)
            #expect(stats.injectedFaults == statuses.filter { $0 == 503 }.count)
        }
    }

    @Test func keyIsRequiredAndUnknownSubscriptionsAre404() async throws {
        let subscription = try Self.normalSubscription()
        try await withLiveSandbox(Self.options) { http in
            let noKey = try await http.vendorCancel(subscription, request: "PR-1", key: nil)
            #expect(noKey.status == 400)
            let unknown = try await http.vendorCancel("SUB-0000-0000-0000", request: "PR-1", key: "k")
            #expect(unknown.status == 404)
            let mismatch = try await http.send(
                "POST", http.endpoints.vendorURL + "/subscriptions/\(subscription)/cancel",
                json: "{\"request_id\":\"PR-1\",\"subscription_id\":\"SUB-OTHER\"}", headers: [("Idempotency-Key", "m")]
            )
            #expect(mismatch.status == 400)
            #expect(try await http.stats().vendorCancelsApplied == 0)
        }
    }

    @Test func vendorBearerTokenWhenConfigured() async throws {
        var options = Self.options
        options.vendorAPIKey = "vendor-secret"
        let subscription = try Self.normalSubscription()
        try await withLiveSandbox(options) { http in
            let denied = try await http.vendorCancel(subscription, request: "PR-1", key: "k")
            #expect(denied.status == 401)
            let body = "{\"request_id\":\"PR-1\",\"subscription_id\":\"\(subscription)\"}"
            let allowed = try await http.send(
                "POST", http.endpoints.vendorURL + "/subscriptions/\(subscription)/cancel", json: body,
                headers: [("Idempotency-Key", "k"), ("Authorization", "Bearer vendor-secret")]
            )
            #expect(allowed.status == 200)
        }
    }
}
