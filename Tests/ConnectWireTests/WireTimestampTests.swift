import ConnectWire
import Testing

@Suite struct WireTimestampTests {
    @Test func parsesBothConnectForms() throws {
        let plain = try #require(WireTimestamp.parse("2021-03-19T12:21:32+00:00"))
        #expect(plain == 1_616_156_492)
        let fractional = try #require(WireTimestamp.parse("2018-09-03T10:28:18.472670+00:00"))
        #expect(abs(fractional - 1_535_970_498.47267) < 0.000_01)
    }

    @Test func honoursOffsetsAndZulu() {
        #expect(WireTimestamp.parse("2021-03-19T14:21:32+02:00") == 1_616_156_492)
        #expect(WireTimestamp.parse("2021-03-19T07:21:32-0500") == 1_616_156_492)
        #expect(WireTimestamp.parse("2021-03-19T12:21:32Z") == 1_616_156_492)
        #expect(WireTimestamp.parse("2023-04-28 11:36:38.814429+00:00") != nil)
    }

    @Test(arguments: [
        "", "yesterday", "2021-13-19T12:21:32+00:00", "2021-03-19T25:00:00Z", "2021-03-19T12:21:32+0",
        "2021-03-19T12:21:32.+00:00", "2021-03-19T12:21:32+00:00junk",
    ])
    func rejectsGarbage(text: String) {
        #expect(WireTimestamp.parse(text) == nil)
    }

    @Test func formatRoundTrips() {
        for seconds in [0.0, 1_616_156_492, 951_782_400, 4_102_444_800] {
            #expect(WireTimestamp.parse(WireTimestamp.format(seconds)) == seconds)
        }
        #expect(WireTimestamp.format(1_616_156_492) == "2021-03-19T12:21:32+00:00")
    }
}
