import CancelDeskCore
import Foundation
import Testing

@testable import CancelDeskTUI

/// What the console keeps of a listing: rows and search text made per request, no full requests.
@Suite struct ListedRequestTests {
    @Test func aTableOfListedRequestsMatchesOneBuiltFromTheFullRequests() {
        let requests = Fixture.requests(12)
        let make = ListedRequest.maker(subscriptionParameter: "subscription_id")
        let listed = RequestTable(requests.map(make))
        let full = RequestTable(requests, subscriptionParameter: "subscription_id")
        #expect(listed.rows == full.rows)
        #expect(listed.corpus == full.corpus)
        #expect(listed.flaggedCount == 1)
        #expect(listed.row(Fixture.id(8))?.productID == Fixture.otherProduct)
        #expect(listed.index(of: Fixture.id(3)) == 2)
        // The ids behind the names are searchable, though rows do not keep them.
        #expect(listed.corpus.matches(0, FilterQuery("as-2001-0001")))
        #expect(listed.corpus.matches(0, FilterQuery("ta-0001")))
        #expect(!listed.corpus.matches(1, FilterQuery("as-2001-0001")))
    }

    @Test func aListingBecomesALoadedSnapshot() {
        let make = ListedRequest.maker(subscriptionParameter: "subscription_id")
        let skipped = [SkippedRecord(id: "PR-X", cause: .malformed, detail: "bad")]
        let listing = RequestListing(rows: Fixture.requests(3).map(make), skipped: skipped, reportedTotal: 5)
        let loaded = LoadedSnapshot(listing, at: Fixture.now)
        #expect(loaded.table.rows.map(\.id) == [Fixture.id(1), Fixture.id(2), Fixture.id(3)])
        #expect(loaded.skipped == skipped)
        #expect(loaded.reportedTotal == 5)
        #expect(loaded.at == Fixture.now)
    }

    @Test func rowsOfOneListingShareRepeatedLabels() {
        let make = ListedRequest.maker(subscriptionParameter: "subscription_id")
        var first = Fixture.request(1)
        var second = Fixture.request(3)
        // Built separately, as two decoded pages would be.
        first.asset.product.name = String("Cloud Backup Enterprise Edition".utf8.map { Character(UnicodeScalar($0)) })
        second.asset.product.name = String("Cloud Backup Enterprise Edition".utf8.map { Character(UnicodeScalar($0)) })
        var a = make(first).row.product
        var b = make(second).row.product
        #expect(a == b)
        let shared = a.withUTF8 { x in b.withUTF8 { y in x.baseAddress == y.baseAddress } }
        #expect(shared, "one storage for the repeated label")
    }

    @Test func aRefreshSharesUnchangedRowsWithTheTableShownNow() throws {
        let shown = RequestTable(Fixture.requests(3).map(ListedRequest.maker(subscriptionParameter: "subscription_id")))
        let make = ListedRequest.maker(subscriptionParameter: "subscription_id", previous: shown)
        var renamed = Fixture.request(2)
        renamed.asset.tiers.customer?.name = "Renamed Customer Incorporated"
        let listed = [Fixture.request(1), renamed].map(make)
        let table = RequestTable(listed)
        #expect(table.rows.map(\.id) == [Fixture.id(1), Fixture.id(2)])
        var before = try #require(shown.row(Fixture.id(1))).id
        var after = listed[0].row.id
        let shared = before.withUTF8 { x in after.withUTF8 { y in x.baseAddress == y.baseAddress } }
        #expect(shared, "the unchanged row keeps the shown row's storage")
        #expect(listed[1].row.customer == "Renamed Customer Incorporated", "a changed row is new")
        #expect(table.corpus.matches(1, FilterQuery("renamed")), "and searchable as it is now")
    }

    @Test func theStringPoolKeepsOneCopyOfLongStringsAndPassesShortOnes() {
        let pool = StringPool()
        #expect(pool.intern("short") == "short")
        #expect(pool.count == 0, "inline strings are not pooled")
        let long = "a product name longer than fifteen bytes"
        #expect(pool.intern(long) == long)
        #expect(pool.intern(String(long.reversed().reversed())) == long)
        #expect(pool.count == 1)
    }
}
