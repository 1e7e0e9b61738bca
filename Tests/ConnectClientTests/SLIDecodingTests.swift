import CancelDeskCore
import ConnectClient
import Foundation
import Testing

/// A request's `sli` (issue 12, "the list can sort by age and SLI"), read leniently.
@Suite struct SLIDecodingTests {
    static func request(sli: String) throws -> FulfillmentRequest {
        var object = try #require(
            try JSONSerialization.jsonObject(with: try RequestDecodingTests.fixture("reference-cancel-request"))
                as? [String: Any])
        object["sli"] = try JSONSerialization.jsonObject(with: Data(sli.utf8), options: .fragmentsAllowed)
        return try RequestPageDecoder.decodeOne(try JSONSerialization.data(withJSONObject: object))
    }

    @Test func theSLIIsReadWhenPresentAndAnOddOneNeverLosesTheRequest() throws {
        #expect(try Self.request(sli: #"{"zone": 2, "days": 5}"#).sli == ServiceLevelIndicator(days: 5, zone: 2))
        #expect(try Self.request(sli: #"{"days": 3}"#).sli == ServiceLevelIndicator(days: 3, zone: 0))
        #expect(try Self.request(sli: #"{"zone": "x", "days": "soon"}"#).sli == nil)
        #expect(try Self.request(sli: #""fast""#).sli == nil)
        #expect(try Self.request(sli: "null").sli == nil)
        let plain = try RequestPageDecoder.decodeOne(try RequestDecodingTests.fixture("reference-cancel-request"))
        #expect(plain.sli == nil)
    }
}
