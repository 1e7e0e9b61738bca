import CancelDeskCore
import Testing

@Suite struct SecretRedactorTests {
    @Test func aRegisteredSecretIsMaskedWherever() {
        SecretRedactor.register("vendor-key-7f3a9c\n")
        let text = SecretRedactor.redact(#"{"error":"bad key vendor-key-7f3a9c","echo":"xvendor-key-7f3a9cx"}"#)
        #expect(!text.contains("vendor-key-7f3a9c"))
        #expect(text.contains("bad key ********"))
    }

    @Test func shortValuesAreNotRegistered() {
        SecretRedactor.register("abc")
        #expect(SecretRedactor.redact("abc def") == "abc def")
    }

    @Test(arguments: [
        ("Authorization: ApiKey SU-123-456:s3cr3t-value", "Authorization: ApiKey SU-123-456:********"),
        (#"{"headers":{"Authorization":"Bearer abc.def-ghi"}}"#, #"{"headers":{"Authorization":"Bearer ********"}}"#),
        ("sent Bearer eyJhbGciOi.x", "sent Bearer ********"),
        ("see https://ops:hunter22@vendor.example/v1", "see https://********@vendor.example/v1"),
        ("GET /v1/x?token=abc123&page=2", "GET /v1/x?token=********&page=2"),
        ("url=https://h/p?a=1&api_key=zz9", "url=https://h/p?a=1&api_key=********"),
        (#"{"x-api-key": "k-998877"}"#, #"{"x-api-key": "********"}"#),
        ("client_secret=abcdef", "client_secret=********"),
    ])
    func secretShapesAreMasked(input: String, expected: String) {
        #expect(SecretRedactor.redact(input) == expected)
    }

    @Test(arguments: [
        "Subscription SUB-123-456 is suspended",
        "Cancellation window closed on 2024-04-30",
        "the token expired; basic plan",
        "PR-1234-5678-9012-001 approved by ops@example.com",
    ])
    func ordinaryTextIsLeftAlone(text: String) {
        #expect(SecretRedactor.redact(text) == text)
    }

    @Test func redactingTwiceChangesNothingMore() {
        let once = SecretRedactor.redact("Authorization: Bearer abcd1234 https://u:p@h/x?token=t1")
        #expect(SecretRedactor.redact(once) == once)
        #expect(!once.contains("abcd1234"))
        #expect(!once.contains("u:p@"))
        #expect(!once.contains("t1"))
    }
}
