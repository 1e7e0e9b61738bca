import ConnectWire
import Testing

@Suite struct ContentRangeTests {
    @Test(arguments: [
        ("items 0-99/250", ContentRange(first: 0, last: 99, total: 250)),
        ("items 200-249/250", ContentRange(first: 200, last: 249, total: 250)),
        ("  items 0-0/0 ", ContentRange(first: 0, last: 0, total: 0)),
    ])
    func parsesValidHeaders(header: String, expected: ContentRange) {
        #expect(ContentRange(header: header) == expected)
    }

    @Test(arguments: [
        "", "items", "items 5-2/10", "bytes 0-9/10", "items -1-3/4", "items a-b/c", "items 0-9",
        "items 0-9/99999999999999", "items 0-9/1 0",
    ])
    func rejectsInvalidHeaders(header: String) {
        #expect(ContentRange(header: header) == nil)
    }

    @Test func formatsPagesLikeDjangoRQL() {
        #expect(ContentRange(offset: 100, count: 50, total: 150).description == "items 100-149/150")
        #expect(ContentRange(offset: 0, count: 0, total: 0).description == "items 0-0/0")
    }
}
