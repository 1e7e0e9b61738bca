import CancelDeskCore
import Foundation
import Logging

/// Orders and loggers for the vendor adapter tests.
enum Fixtures {
    static let apiKey = "vk_live_s3cr3t-VENDOR-KEY-4242"

    static func order(
        subscriptionID: String = "SUB-1001", reason: String = "Customer cancelled the subscription",
        requestID: String = "PR-1234-5678-9012-001", params: [Parameter]? = nil
    ) -> VendorCancelOrder {
        let asset = Asset(
            id: "AS-1234-5678-9012", status: .terminating,
            product: Product(id: "PRD-111-222-333", name: "Cloud Backup"),
            connection: Connection(id: "CT-0000-0000-0000", type: .test),
            params: params ?? [
                Parameter(id: "subscription_id", phase: .fulfillment, value: subscriptionID),
                Parameter(id: "tenant", phase: .ordering, value: "acme/eu west"),
            ],
            tiers: Tiers(customer: TierAccount(id: "TA-0001-0002-0003", name: "Acme")))
        let request = FulfillmentRequest(
            id: requestID, type: .cancel, status: .pending, created: Date(timeIntervalSince1970: 1_700_000_000),
            asset: asset)
        return VendorCancelOrder(
            requestID: requestID, subscriptionID: subscriptionID, reason: reason,
            idempotencyKey: "cbc1-\(requestID)-cancel", request: request)
    }

    static let quietLogger = Logger(label: "vendor-test") { _ in SwiftLogNoOpLogHandler() }
}

/// A log handler that keeps every line, rendered with its metadata, for assertions.
struct RecordingLogHandler: LogHandler {
    final class Store: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [String] = []

        var lines: [String] { lock.withLock { stored } }

        func append(_ line: String) { lock.withLock { stored.append(line) } }
    }

    let store: Store
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let rendered = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        store.append("\(event.level) \(event.message) \(rendered)")
    }

    static func logger() -> (Logger, Store) {
        let store = Store()
        return (Logger(label: "vendor-test") { _ in RecordingLogHandler(store: store) }, store)
    }
}
