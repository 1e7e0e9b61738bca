import AsyncHTTPClient
import CancelDeskCore
import ConnectClient
import ConnectSandbox
import ConnectWire
import Foundation
import Logging
import NIOCore
import Testing

@testable import canceldesk

/// Issue 12: `doctor` checks what will run (the listing's own query, every approve template's type and scope on
/// every page), names each problem, and tells a configuration problem (78) from an outage (69).
@Suite struct DoctorTests {
    static let product = SandboxCatalog.productIDs[0]
    static let otherProduct = SandboxCatalog.productIDs[1]

    /// The sandbox's template of `product` whose id ends in `suffix` (`-102`: a second asset fulfillment template,
    /// `-103`: an inquire template, `-104`: a tier1-scope fulfillment template).
    static func template(_ product: String, _ suffix: String) -> String {
        String(SandboxCatalog.templateID(forProduct: product).dropLast(4)) + suffix
    }

    /// Runs doctor's checks against a fresh sandbox, the configuration changed by `adjust`.
    static func doctor(
        _ options: SandboxOptions = .init(), faults: [WireFaultRule] = [],
        _ adjust: @escaping @Sendable (inout CancelDeskConfiguration) -> Void = { _ in }
    ) async throws -> [DoctorCheck] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("doctor-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let journal = directory.appendingPathComponent("journal.sqlite").path
        return try await withSandbox(options) { endpoints in
            if !faults.isEmpty { try await script(faults, endpoints) }
            var configuration = DemoSandbox.configuration(endpoints)
            adjust(&configuration)
            return await DoctorCommand.checks(configuration, journalOverride: journal)
        }
    }

    static func script(_ rules: [WireFaultRule], _ endpoints: SandboxEndpoints) async throws {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(endpoints.port)/_sandbox/faults")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(WireFaultScript(rules: rules))))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        #expect(response.status.code == 200)
    }

    static func failures(_ checks: [DoctorCheck]) -> [DoctorCheck] {
        checks.filter { $0.status == .fail }
    }

    @Test func passesOnTheSandboxAndRunsTheListingQuery() async throws {
        let checks = try await Self.doctor()
        #expect(Self.failures(checks).isEmpty, "\(checks.map(\.line))")
        #expect(DoctorCheck.exitStatus(checks).rawValue == 0)
        let listing = try #require(checks.first { $0.subject == "listing" })
        #expect(listing.status == .ok && listing.text.contains("60 pending"), "\(listing.line)")
    }

    @Test func failsOnATierScopeTemplateAndNamesEveryProblem() async throws {
        let checks = try await Self.doctor { configuration in
            configuration.engine.templates[Self.product] = Self.template(Self.product, "-104")
            configuration.engine.templates[Self.otherProduct] = Self.template(Self.otherProduct, "-103")
        }
        let failures = Self.failures(checks)
        #expect(failures.count == 2, "\(checks.map(\.line))")
        #expect(failures.allSatisfy { $0.subject == "template" && $0.problem == .configuration })
        #expect(failures.contains { $0.text.contains(Self.product) && $0.text.contains("tier1 scope, not asset") })
        #expect(failures.contains { $0.text.contains(Self.otherProduct) && $0.text.contains("not fulfillment") })
        #expect(DoctorCheck.exitStatus(checks).rawValue == 78)
        #expect(failures.allSatisfy { $0.line.hasPrefix("FAIL ") })
    }

    @Test func readsTheTemplatesOfEveryPage() async throws {
        var options = SandboxOptions()
        options.pageCap = 1
        let checks = try await Self.doctor(options) { configuration in
            configuration.engine.templates[Self.product] = Self.template(Self.product, "-102")
        }
        #expect(Self.failures(checks).isEmpty, "\(checks.map(\.line))")
    }

    @Test func aRefusedListingQueryIsAConfigurationProblemNamingConnectsMessage() async throws {
        var options = SandboxOptions()
        options.acceptsPreviewFilter = false // the default scope filters on preview
        let checks = try await Self.doctor(options)
        let listing = try #require(checks.first { $0.subject == "listing" })
        #expect(listing.status == .fail && listing.problem == .configuration)
        #expect(listing.text.contains("refused") && listing.text.contains("\"preview\""), "\(listing.line)")
        #expect(DoctorCheck.exitStatus(checks).rawValue == 78)
    }

    @Test func anUnavailableListingIsAnOutage() async throws {
        let fault = WireFaultRule(method: "GET", pathPrefix: "/public/v1/requests", status: 503, count: 10)
        let checks = try await Self.doctor(faults: [fault])
        let listing = try #require(checks.first { $0.subject == "listing" })
        #expect(listing.status == .fail && listing.problem == .unavailable, "\(listing.line)")
        #expect(DoctorCheck.exitStatus(checks).rawValue == 69)
    }

    @Test func aForbiddenAuthContextIsReportedButDoesNotStopTheOtherChecks() async throws {
        let fault = WireFaultRule(method: "GET", pathPrefix: "/public/v1/auth/context", status: 403, count: 10)
        let checks = try await Self.doctor(faults: [fault])
        let credentials = try #require(checks.first { $0.subject == "credentials" })
        #expect(credentials.status == .warning && credentials.line.hasPrefix("WARN "), "\(credentials.line)")
        #expect(checks.contains { $0.subject == "listing" && $0.status == .ok })
        #expect(checks.filter { $0.subject == "template" }.count == SandboxCatalog.productIDs.count)
        #expect(DoctorCheck.exitStatus(checks).rawValue == 0)
    }

    @Test func commandsRunWithoutTheAccountContextOn403And404ButNot401() async throws {
        for (status, survives) in [(403, true), (404, true), (401, false)] {
            let fault = WireFaultRule(method: "GET", pathPrefix: "/public/v1/auth/context", status: status, count: 1)
            try await withSandbox { endpoints in
                try await Self.script([fault], endpoints)
                let configuration = DemoSandbox.configuration(endpoints)
                let http = AppEnvironment.makeConnectHTTPClient(configuration)
                let client = ConnectClient(
                    configuration: AppEnvironment.connectConfiguration(configuration), http: http,
                    logger: Logger(label: "test"))
                do {
                    let context = try await AppEnvironment.accountContext(client, logger: Logger(label: "test"))
                    #expect(survives && context == nil, "HTTP \(status)")
                } catch {
                    #expect(!survives, "HTTP \(status): \(error)")
                }
                try await http.shutdown()
            }
        }
    }
}
