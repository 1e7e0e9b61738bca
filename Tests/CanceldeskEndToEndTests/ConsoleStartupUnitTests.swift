import CancelDeskCore
import Foundation
import Testing

@testable import canceldesk

/// Issue 11: the console's startup message when Connect never answered.
@Suite struct ConsoleStartupUnitTests {
    @Test func theMessageHasOnePrefixTheURLMaskedAndTheErrorNamed() {
        let error = ServiceError(service: .connect, kind: .transient, messages: ["network error: connection refused"])
        let line = ConsoleRun.failureMessage(connectURL: "http://127.0.0.1:9/public/v1", error)
        #expect(
            line
                == "canceldesk: Connect at http://127.0.0.1:9/public/v1 could not be reached: "
                + "connect transient: network error: connection refused")
        struct Prefixed: Error, CustomStringConvertible {
            var description: String { "canceldesk: canceldesk: socket closed\u{1B}[2J" }
        }
        let doubled = ConsoleRun.failureMessage(connectURL: "http://127.0.0.1:9", Prefixed())
        #expect(!doubled.contains("canceldesk: canceldesk:"), "\(doubled)")
        #expect(doubled.hasSuffix("could not be reached: socket closed\\u{1B}[2J"), "sanitized: \(doubled)")
    }
}
