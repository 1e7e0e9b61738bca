import Synchronization

/// The table of the listing the console posted last, so the next listing can share the rows that did not
/// change with it (``ListedRequest/maker(subscriptionParameter:previous:)``) instead of holding two copies of
/// their text while the refresh is built.
final class LastListing: Sendable {
    private let table = Mutex<RequestTable?>(nil)

    var current: RequestTable? { table.withLock { $0 } }

    func set(_ new: RequestTable) { table.withLock { $0 = new } }
}
