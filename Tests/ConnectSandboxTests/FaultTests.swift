import ConnectWire
import Foundation
import Testing

@testable import ConnectSandbox

@Suite("Scripted and random faults")
struct FaultTests {
    @Test func scripted429CarriesRetryAfterAndIsConsumed() async throws {
        try await withLiveSandbox { http in
            try await http.script([
                WireFaultRule(method: "GET", pathPrefix: "/public/v1/requests", status: 429, retryAfter: "2", count: 1)
            ])
            let limited = try await http.connect("GET", "/requests?limit=1")
            #expect(limited.status == 429)
            #expect(limited.header("retry-after") == "2")
            #expect(try !limited.decode(WireError.self).errorCode.isEmpty)
            let next = try await http.connect("GET", "/requests?limit=1")
            #expect(next.status == 200)
            let stats = try await http.stats()
            #expect(stats.responses429 == 1)
            #expect(stats.injectedFaults == 1)
        }
    }

    @Test func scripted503AfterEffectStillApproves() async throws {
        try await withLiveSandbox { http in
            let request = try await firstPending(http)
            try await http.script([
                WireFaultRule(method: "POST", pathSuffix: "/approve", status: 503, afterEffect: true, count: 1)
            ])
            let product = try #require(request.asset?.product?.id)
            let lost = try await http.connect(
                "POST", "/requests/\(request.id)/approve",
                json: "{\"template_id\":\"\(SandboxCatalog.templateID(forProduct: product))\"}"
            )
            #expect(lost.status == 503)
            let fetched = try await http.connect("GET", "/requests/\(request.id)").decode(WireRequest.self)
            #expect(fetched.status == "approved")
            let stats = try await http.stats()
            #expect(stats.approveCalls == 1)
            #expect(stats.responses5xx == 1)
        }
    }

    @Test func vendorLostResponseIsReplayedAsTheStoredSuccess() async throws {
        var options = SandboxOptions()
        options.requests = 100
        options.seed = 11
        let subscription = try #require(VendorTests.seeds(options).first { $0.behavior == .normal && !$0.cancelled })
            .subscriptionID
        try await withLiveSandbox(options) { http in
            try await http.script([
                WireFaultRule(method: "POST", pathPrefix: "/vendor/v1/", status: 503, afterEffect: true, count: 1)
            ])
            let lost = try await http.vendorCancel(subscription, request: "PR-9", key: "retry-key")
            #expect(lost.status == 503)
            let retry = try await http.vendorCancel(subscription, request: "PR-9", key: "retry-key")
            #expect(retry.status == 200)
            #expect(try retry.decode(WireVendorSubscription.self).status == "cancelled")
            let stats = try await http.stats()
            #expect(stats.vendorCancelsApplied == 1)
            #expect(stats.vendorDuplicatesAbsorbed == 1)
            #expect(stats.vendorSubscriptionsCancelledTwice.isEmpty)
        }
    }

    @Test func clearingTheScriptStopsFaults() async throws {
        try await withLiveSandbox { http in
            try await http.script([WireFaultRule(status: 500, count: 5)])
            #expect(try await http.connect("GET", "/auth/context").status == 500)
            _ = try await http.send("DELETE", http.root + "/_sandbox/faults")
            #expect(try await http.connect("GET", "/auth/context").status == 200)
        }
    }

    @Test func randomErrorRateInjects5xxDeterministically() async throws {
        let options: SandboxOptions = {
            var options = SandboxOptions()
            options.errorRate = 1
            options.seed = 5
            return options
        }()
        let run: @Sendable () async throws -> [Int] = {
            try await withLiveSandbox(options) { http in
                var statuses: [Int] = []
                for _ in 0..<12 {
                    let reply = try await http.connect("GET", "/requests?limit=1")
                    statuses.append(reply.status)
                    if reply.header("content-type") == "application/json" {
                        #expect(try reply.decode(WireError.self).errorCode == "SYS_001")
                    } else {
                        #expect(reply.text.contains("<html>"))
                    }
                }
                #expect(try await http.stats().injectedFaults == 12)
                return statuses
            }
        }
        let first = try await run()
        #expect(first.allSatisfy { [500, 502, 503].contains($0) })
        #expect(try await run() == first)
    }

    @Test func rateLimitAnswers429WithRetryAfter() async throws {
        var options = SandboxOptions()
        options.rateLimit = 0.001
        try await withLiveSandbox(options) { http in
            #expect(try await http.connect("GET", "/auth/context").status == 200)
            let limited = try await http.connect("GET", "/auth/context")
            #expect(limited.status == 429)
            #expect(limited.header("retry-after") == "1")
            #expect(try limited.decode(WireError.self).errors.isEmpty == false)
            #expect(try await http.stats().responses429 == 1)
        }
    }
}

@Suite struct StatePersistenceTests {
    @Test func aStatePathKeepsChangesAcrossRuns() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sandbox-state-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var options = SandboxOptions()
        options.requests = 5
        options.statePath = directory.appendingPathComponent("state.jsonl").path
        let (approved, before) = try await withLiveSandbox(options) { http in
            let first = try await firstPending(http)
            let template = SandboxCatalog.templateID(forProduct: first.asset?.product?.id ?? "")
            let reply = try await http.connect(
                "POST", "/requests/\(first.id)/approve", json: #"{"template_id":"\#(template)"}"#)
            #expect(reply.status == 200)
            return (first.id, try await http.pendingCancelIDs().count)
        }
        try await withLiveSandbox(options) { http in
            let request = try await http.connect("GET", "/requests/\(approved)").decode(WireRequest.self)
            #expect(request.status == "approved")
            #expect(request.asset?.status == "terminated")
            #expect(try await http.pendingCancelIDs().count == before)
        }
    }
}
