public import CancelDeskCore
import Foundation
import Logging

/// Builders for requests, settings and engines in tests.
public enum Fixtures {
    public static let product = "PRD-100-200-300"
    public static let template = "TL-100-200-300"

    public static func request(
        _ number: Int, subscription: String? = nil, status: RequestStatus = .pending, type: RequestType = .cancel,
        product: String = Fixtures.product
    ) -> FulfillmentRequest {
        let id = "PR-0000-0000-\(String(format: "%04d", number))-001"
        var params = [Parameter(id: "customer_email", phase: .ordering, value: "c\(number)@example.com")]
        params.append(Parameter(id: "subscription_id", phase: .fulfillment, value: subscription ?? "SUB-\(number)"))
        return FulfillmentRequest(
            id: id, type: type, status: status, created: Date(timeIntervalSince1970: 1_700_000_000 + Double(number)),
            asset: Asset(
                id: "AS-0000-0000-\(number)", status: .terminating, product: Product(id: product, name: "Backup"),
                connection: Connection(id: "CT-1", type: .production), params: params,
                tiers: Tiers(customer: TierAccount(id: "TA-\(number)", name: "Customer \(number)"))))
    }

    /// A request without the subscription parameter at all.
    public static func requestWithoutSubscription(_ number: Int) -> FulfillmentRequest {
        var request = request(number)
        request.asset.params.removeAll { $0.id == "subscription_id" }
        return request
    }

    public static func settings(onVendorRefusal: EngineSettings.VendorRefusalPolicy = .review) -> EngineSettings {
        EngineSettings(
            scope: QueueScope(products: [product]), templates: [product: template], onVendorRefusal: onVendorRefusal,
            vendorRetry: RetryPolicy(
                maxAttempts: 4, baseDelay: .seconds(1), maxDelay: .seconds(8), deadline: .seconds(60)),
            keySalt: "salt", connectHost: "connect.test")
    }

    public static let identity = AuditIdentity(mode: .auto, osUser: "ops", host: "box", connectUser: "SU-1")

    /// A clock whose sleeps only advance its own time.
    public static func instantClock() -> MonotonicClock {
        let time = TimeBox()
        return MonotonicClock(now: { time.now }, sleep: { time.advance($0) })
    }

    public static func engine(
        _ api: InMemoryRequestsAPI, _ vendor: FakeVendor, _ journal: InMemoryJournal,
        settings: EngineSettings = Fixtures.settings(), mode: RunMode = .auto, owner: String = "box:1",
        aliveOwners: Set<String> = [], events: @escaping @Sendable (EngineEvent) -> Void = { _ in }
    ) -> CancelEngine {
        var identity = Self.identity
        identity.mode = mode
        identity.owner = owner
        return CancelEngine(
            requests: api, vendor: vendor, journal: journal, settings: settings, identity: identity,
            clock: instantClock(), random: { 0.5 }, logger: Logger(label: "test"), events: events,
            ownerIsAlive: { aliveOwners.contains($0) })
    }
}

/// Fake monotonic time.
final class TimeBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value = Duration.zero

    var now: Duration { lock.withLock { value } }

    func advance(_ duration: Duration) {
        lock.withLock { value += duration }
    }
}
