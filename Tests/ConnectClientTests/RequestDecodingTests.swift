import CancelDeskCore
import ConnectClient
import Foundation
import Testing

@Suite struct RequestDecodingTests {
    static func fixture(_ name: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"))
        return try Data(contentsOf: url)
    }

    @Test func decodesTheReferenceCancelRequest() throws {
        let request = try RequestPageDecoder.decodeOne(try Self.fixture("reference-cancel-request"))
        #expect(request.id == "PR-8055-3268-5577-002")
        #expect(request.type == .cancel)
        #expect(request.status == .pending)
        #expect(request.created == Date(timeIntervalSince1970: 1_616_156_492))
        #expect(request.assignee == .none)
        #expect(request.marketplace == Reference(id: "MP-78894", name: "Marketplace EUROPE"))
        #expect(request.asset.status == .terminating)
        #expect(request.asset.product.id == "PRD-103-781-723")
        #expect(request.asset.connection.type == .preview)
        #expect(request.asset.connection.hub == Reference(id: "HB-0000-0000", name: "None"))
        #expect(request.asset.items.first?.quantity == "3")
        let subscription = try #require(request.parameter(id: "subscription_id"))
        #expect(subscription.phase == .fulfillment)
        #expect(subscription.value == "1234567890")
        #expect(request.parameter(id: "customer_email")?.phase == .ordering)
        #expect(request.asset.tiers.customer?.contactInfo?.contact?.phone == "+91 755 5059167")
        #expect(request.asset.tiers.tier1?.id == "TA-4559-6820-1704")
        #expect(request.asset.tiers.tier2 == nil)
    }

    @Test func aHostilePageKeepsTheGoodRequestsAndReportsEachBadOne() throws {
        let page = try RequestPageDecoder.decode(try Self.fixture("hostile-page"))
        #expect(page.count == 8)
        #expect(page.requests.map(\.id) == ["PR-8055-3268-5577-002", "PR-8055-3268-5577-003"])
        let odd = page.requests[1]
        #expect(odd.status == .unknown("frozen"))
        #expect(odd.assignee == .user(id: "UR-345-966-793", name: "Ops", email: "ops@vendor.example"))
        #expect(odd.asset.items.first?.quantity == "5")
        #expect(odd.asset.tiers.customer?.name.contains("\u{1b}") == true, "decoding keeps text; drawing sanitizes")
        #expect(page.skipped.count == 6)
        #expect(page.skipped.allSatisfy { $0.cause == .malformed })
        let details = Dictionary(
            page.skipped.compactMap { record in record.id.map { ($0, record.detail) } },
            uniquingKeysWith: { first, _ in first })
        #expect(details["PR-0000-0000-0000-001"]?.contains("asset") == true)
        #expect(details["PR-0000-0000-0000-002"]?.contains("asset.items[0].quantity") == true)
        #expect(details["../../auth/context"]?.contains("id") == true)
        #expect(details["PR-0000-0000-0000-004"]?.contains("created") == true)
    }

    @Test func aBodyThatIsNotAnArrayIsAMalformedResponse() {
        for body in ["{}", "<html>502</html>", "", "[1,"] {
            #expect(throws: ServiceError.self) { try RequestPageDecoder.decode(Data(body.utf8)) }
        }
        #expect((try? RequestPageDecoder.decode(Data("[]".utf8)))?.count == 0)
    }

    @Test func deepNestingIsRejectedNotACrash() {
        let deep = String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000)
        #expect(throws: ServiceError.self) { try RequestPageDecoder.decode(Data(deep.utf8)) }
    }
}

@Suite struct RequestContextDecodingTests {
    /// Issue 12 ("decide with what Connect knows"): the previous approved request and the SLI reach the model.
    @Test func previousApprovedRequestAndSLIAreMapped() throws {
        let json = #"""
            {"id": "PR-1000-0000-0000-002", "type": "cancel", "status": "pending",
             "created": "2024-01-02T03:04:05+00:00", "effective_date": "2024-02-01T00:00:00+00:00",
             "note": "please hurry", "previous_approved_request": {"id": "PR-1000-0000-0000-001"},
             "sli": {"days": 5, "zone": 2},
             "asset": {"id": "AS-1000-0000-0000", "product": {"id": "PRD-100-200-300"}}}
            """#
        let request = try RequestPageDecoder.decodeOne(Data(json.utf8))
        #expect(request.previousApprovedRequest == "PR-1000-0000-0000-001")
        #expect(request.sli == ServiceLevelIndicator(days: 5, zone: 2))
        #expect(request.note == "please hurry")
        #expect(request.effectiveDate != nil)
        let plain = try RequestPageDecoder.decodeOne(try RequestDecodingTests.fixture("reference-cancel-request"))
        #expect(plain.sli == nil)
    }
}
