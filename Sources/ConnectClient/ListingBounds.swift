internal import CancelDeskCore

/// Keeps a listing finite and bounded, whatever the server answers.
///
/// Each page is admitted as it arrives. The listing stops with a named `malformedResponse` error ("listing: …") when
/// the reported total is implausible (above the cap) or moves further than a live queue does while it is listed,
/// when a page brings only requests already seen (it does not advance: `offset` ignored), or when more rows arrive
/// than the total, or the cap, allows.
///
/// A live queue changes while it is listed (other operators approve, customers cancel), so the total may move a
/// little between pages: by at most ``drift(from:)`` (100 requests, or a tenth of the first total when larger).
struct ListingBounds: Sendable {
    /// The largest plausible queue.
    let cap: Int
    /// The first total the server reported, once it reported one.
    private(set) var total: Int?
    /// The largest total reported so far.
    private(set) var largestTotal = 0
    /// Elements received so far, decoded or not.
    private(set) var rows = 0
    private var seen: Set<String> = []

    init(cap: Int) {
        self.cap = max(cap, 1)
    }

    /// How far a total may move from the first one while a live queue is listed.
    static func drift(from total: Int) -> Int { max(100, total / 10) }

    /// Checks one page: where it started, how many elements it held, the ids it brought, and the total it reported.
    mutating func admit(offset: Int, count: Int, ids: [String], reportedTotal: Int?) throws {
        if let reportedTotal {
            if reportedTotal > cap {
                throw Self.stop("Connect reports \(reportedTotal) requests, more than the limit of \(cap)")
            }
            if let total, abs(reportedTotal - total) > Self.drift(from: total) {
                throw Self.stop("the total changed between pages (\(total), then \(reportedTotal)); list again")
            }
            if offset + count > reportedTotal {
                throw Self.stop(
                    "the page at offset \(offset) holds \(count) rows, beyond the total of \(reportedTotal)")
            }
            if total == nil { total = reportedTotal }
            largestTotal = max(largestTotal, reportedTotal)
        }
        if offset > 0, !ids.isEmpty, ids.allSatisfy({ seen.contains($0) }) {
            throw Self.stop("the page at offset \(offset) brought only requests already seen: it does not advance")
        }
        seen.formUnion(ids)
        rows += count
        if let total, rows > largestTotal + Self.drift(from: total) {
            throw Self.stop("\(rows) rows arrived, more than the reported total of \(largestTotal)")
        }
        if rows > cap {
            throw Self.stop("more than \(cap) rows arrived without an end")
        }
    }

    static func stop(_ reason: String) -> ServiceError {
        ServiceError(service: .connect, kind: .malformedResponse, messages: ["listing: " + reason])
    }
}
