import Foundation
import Testing

@testable import VendorClient

@Suite struct DebugTmpTests {
    @Test(arguments: ["exec sleep 30", "sleep 30", "cat >/dev/null; exec sleep 30", "exec sleep 30 </dev/null"])
    func signals(text: String) async throws {
        let script = try CommandVendorClientTests.Script(text)
        let started = ContinuousClock.now
        let outcome = await script.run(timeout: .milliseconds(300))
        print("OUTCOME", text, outcome, ContinuousClock.now - started)
    }
}
