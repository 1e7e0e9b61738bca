import CancelDeskCore
import ConnectSandbox
import Foundation
import Logging

/// `--demo`: an in-process sandbox with seeded data, its state and journal kept apart from real ones under
/// `$XDG_STATE_HOME/canceldesk/demo/` so that a second run continues where the first stopped.
enum DemoSandbox {
    /// The demo's state directory.
    static func directory(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let journal = ConfigurationLoader.defaultJournalPath(environment)
        let base =
            journal.isEmpty
            ? FileManager.default.temporaryDirectory.path + "/canceldesk"
            : (journal as NSString).deletingLastPathComponent
        return base + "/demo"
    }

    static var journalPath: String { directory() + "/journal.sqlite" }

    static func with<T: Sendable>(
        logger: Logger, _ body: @Sendable (CancelDeskConfiguration) async throws -> T
    ) async throws -> T {
        var options = SandboxOptions()
        options.statePath = directory() + "/sandbox.json"
        var quiet = logger
        quiet.logLevel = .critical
        return try await withSandbox(options, logger: quiet) { endpoints in
            try await body(configuration(endpoints))
        }
    }

    static func configuration(_ endpoints: SandboxEndpoints) -> CancelDeskConfiguration {
        let products = SandboxCatalog.productIDs
        var templates: [String: String] = [:]
        for product in products { templates[product] = SandboxCatalog.templateID(forProduct: product) }
        let engine = EngineSettings(
            scope: QueueScope(products: products), templates: templates,
            subscriptionParameter: SandboxCatalog.subscriptionParameterID, keySalt: "canceldesk-demo",
            connectHost: CancelDeskConfiguration.host(of: endpoints.connectURL))
        // The demo's public key is not registered as a secret: it is printed on purpose.
        var configuration = CancelDeskConfiguration(
            connectURL: endpoints.connectURL, apiKey: ConnectAPIKey(SandboxOptions().apiKey)!, engine: engine,
            vendor: .http(HTTPVendorSettings(baseURL: endpoints.vendorURL)), journalPath: journalPath, source: "demo")
        let grace = ProcessInfo.processInfo.environment["CANCELDESK_STOP_GRACE_SECONDS"].flatMap(Int.init)
        if let grace, (1...3_600).contains(grace) { configuration.stopGrace = .seconds(grace) }
        return configuration
    }
}
