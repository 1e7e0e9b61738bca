import CancelDeskCore
import Foundation
import Testing

@Suite struct APIKeyAndScopeTests {
    @Test func theKeyGetsItsPrefixAndPrintsRedacted() throws {
        let key = try #require(ConnectAPIKey("SU-123-456-789:verysecretvalue\n"))
        #expect(key.headerValue == "ApiKey SU-123-456-789:verysecretvalue")
        #expect(key.redacted == "ApiKey SU-123-456-789:********")
        #expect("\(key)".contains("verysecret") == false)
        #expect(String(reflecting: key).contains("verysecret") == false)
        #expect(ConnectAPIKey("ApiKey SU-1:x")?.headerValue == "ApiKey SU-1:x")
    }

    @Test(arguments: ["", "\n", "ApiKey ", "SU-1: x", "SU-1:x\ty", "SU-1:\u{7f}"])
    func malformedKeysAreRefused(raw: String) {
        #expect(ConnectAPIKey(raw) == nil)
    }

    @Test func theScopeRechecksEveryRow() {
        let scope = QueueScope(products: ["PRD-1"], environments: [.production], marketplaces: ["MP-1"])
        var request = FulfillmentRequest(
            id: "PR-1", type: .cancel, status: .pending, created: Date(), marketplace: Reference(id: "MP-1"),
            asset: Asset(
                id: "AS-1", status: .terminating, product: Product(id: "PRD-1"),
                connection: Connection(id: "CT-1", type: .production)))
        #expect(scope.mismatch(request) == nil)
        request.type = .purchase
        #expect(scope.mismatch(request) != nil)
        request.type = .cancel
        request.asset.product.id = "PRD-2"
        #expect(scope.mismatch(request)?.contains("PRD-2") == true)
        request.asset.product.id = "PRD-1"
        request.asset.connection.type = .preview
        #expect(scope.mismatch(request)?.contains("preview") == true)
        request.asset.connection.type = .production
        request.marketplace = Reference(id: "MP-2")
        #expect(scope.mismatch(request)?.contains("MP-2") == true)
    }
}
