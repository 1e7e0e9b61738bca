import ConnectWire
import Foundation
import Testing

@Suite struct WireDecodingTests {
    @Test func assigneeIsEmptyStringIdOrObject() throws {
        let decoder = JSONDecoder()
        #expect(try decoder.decode(WireAssignee.self, from: Data(#""""#.utf8)) == .none)
        #expect(try decoder.decode(WireAssignee.self, from: Data("null".utf8)) == .none)
        #expect(try decoder.decode(WireAssignee.self, from: Data(#""UR-1""#.utf8)) == .user(WireUser(id: "UR-1")))
        let object = try decoder.decode(WireAssignee.self, from: Data(#"{"id":"UR-2","email":"a@b.c"}"#.utf8))
        #expect(object == .user(WireUser(id: "UR-2", email: "a@b.c")))
    }

    @Test func quantitiesStayStringsAndNumbersAreAccepted() throws {
        let item = try JSONDecoder().decode(WireItem.self, from: Data(#"{"quantity":"3","old_quantity":7}"#.utf8))
        #expect(item.quantity == "3")
        #expect(item.oldQuantity == "7")
    }

    @Test func emptyTierDecodes() throws {
        let tiers = try JSONDecoder().decode(WireTiers.self, from: Data(#"{"customer":{"id":"TA-1"},"tier2":{}}"#.utf8))
        #expect(tiers.customer?.id == "TA-1")
        #expect(tiers.tier2 == WireTier())
        #expect(tiers.tier1 == nil)
    }

    @Test func parameterKeepsStructuredValueAndRejectsObjectValue() throws {
        let json = #"{"id":"addr","value":"","structured_value":{"city":"Mumbai","lines":["a",1]}}"#
        let param = try JSONDecoder().decode(WireParameter.self, from: Data(json.utf8))
        #expect(
            param.structuredValue == .object(["city": .string("Mumbai"), "lines": .array([.string("a"), .number(1)])]))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(WireParameter.self, from: Data(#"{"id":"x","value":{"a":1}}"#.utf8))
        }
    }

    @Test func wireRequestRoundTripsWithSnakeCaseKeys() throws {
        let request = WireRequest(
            id: "PR-1", type: "cancel", status: "pending", effectiveDate: "", activationKey: "k",
            previousApprovedRequest: WireReference(id: "PR-0"))
        let data = try JSONEncoder().encode(request)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"effective_date\""))
        #expect(text.contains("\"previous_approved_request\""))
        #expect(try JSONDecoder().decode(WireRequest.self, from: data) == request)
    }
}
