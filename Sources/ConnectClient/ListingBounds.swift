internal import CancelDeskCore

/// Keeps a listing finite and bounded, whatever the server answers.
///
/// Each page is admitted as it arrives. The listing stops with a named `malformedResponse` error ("listing: …") when
/// the reported total is implausible (above the cap) or changes between pages, when a page brings only requests
/// already seen (it does not advance: `offset` ignored), or when more rows arrive than the total, or the cap, allows.
struct ListingBounds: Sendable {
    /// The largest plausible queue.
    let cap: Int
    /// The total the server reported, once it reported one.
    private(set) var total: Int?
    /// Elements received so far, decoded or not.
    private(set) var rows = 0
    private var seen: Set<String> = []

    init(cap: Int) {
        self.cap = max(cap, 1)
    }

    /// Checks one page: where it started, how many elements it held, the ids it brought, and the total it reported.
    mutating func admit(offset: Int, count: Int, ids: [String], reportedTotal: Int?) throws {
        if let reportedTotal {
            if reportedTotal > cap {
                throw Self.stop("Connect reports \(reportedTotal) requests, more than the limit of \(cap)")
            }
            if let total, total != reportedTotal {
                throw Self.stop("the total changed between pages (\(total), then \(reportedTotal)); list again")
            }
            total = reportedTotal
        }
        if offset > 0, !ids.isEmpty, ids.allSatisfy({ seen.contains($0) }) {
            throw Self.stop("the page at offset \(offset) brought only requests already seen: it does not advance")
        }
        seen.formUnion(ids)
        rows += count
        if let total, rows > total {
            throw Self.stop("\(rows) rows arrived, more than the reported total of \(total)")
        }
        if rows > cap {
            throw Self.stop("more than \(cap) rows arrived without an end")
        }
    }

    static func stop(_ reason: String) -> ServiceError {
        ServiceError(service: .connect, kind: .malformedResponse, messages: ["listing: " + reason])
    }
}
