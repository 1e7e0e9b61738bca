/// How a seeded vendor subscription answers cancels.
enum VendorBehavior: Sendable, Equatable {
    /// Cancels succeed.
    case normal
    /// The first `failures` cancel calls answer 503, later ones behave normally.
    case transient(failures: Int)
    /// Every cancel is refused with this status and error body.
    case permanent(status: Int, error: String, message: String)

    static let permanentFailures: [VendorBehavior] = [
        .permanent(
            status: 422, error: "contract_locked",
            message: "Subscription is under a legal hold until 2027-01-31"),
        .permanent(
            status: 422, error: "open_invoices",
            message: "Subscription has 2 unpaid invoices; settle them before cancelling"),
        .permanent(
            status: 409, error: "cancellation_forbidden",
            message: "Cancellation must be requested by the reseller of record"),
        .permanent(
            status: 400, error: "migration_in_progress",
            message: "Subscription is being migrated to another region; try again after the migration"),
    ]
}

/// One vendor-side subscription as seeded.
struct VendorSeed: Sendable {
    let subscriptionID: String
    let behavior: VendorBehavior
    /// Already cancelled at the vendor before the sandbox started.
    let cancelled: Bool
    let cancelledByRequest: String?
    let cancelledAt: Int64?
}
