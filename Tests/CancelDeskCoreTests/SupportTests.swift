import CancelDeskCore
import Testing

@Suite struct SupportTests {
    @Test func sha256MatchesTheStandardVectors() {
        #expect(
            SHA256.hex(SHA256.hash(Array("abc".utf8)))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(SHA256.hash([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(SHA256.hex(SHA256.hash(long)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        // RFC 4231 test case 2.
        #expect(
            SHA256.hex(SHA256.hmac(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8)))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func idempotencyKeysAreDeterministicPerRequestAndDifferAcrossRequestsHostsAndSalts() {
        let key = IdempotencyKey.make(salt: "s", connectHost: "api.connect.cloudblue.com", requestID: "PR-1")
        #expect(key == IdempotencyKey.make(salt: "s", connectHost: "API.connect.cloudblue.com", requestID: "PR-1"))
        #expect(key.count == 36)
        #expect(key.hasPrefix("cd1-"))
        #expect(key != IdempotencyKey.make(salt: "s", connectHost: "api.connect.cloudblue.com", requestID: "PR-2"))
        #expect(key != IdempotencyKey.make(salt: "t", connectHost: "api.connect.cloudblue.com", requestID: "PR-1"))
        #expect(key != IdempotencyKey.make(salt: "s", connectHost: "127.0.0.1:8080", requestID: "PR-1"))
    }

    @Test(arguments: [
        "\u{1b}]0;pwned\u{07}", "\u{1b}[2J\u{1b}[H", "tab\there", "line\r\nbreak", "\u{9b}31m", "\u{202e}evil",
        "\u{2066}x\u{2069}", "zero\u{200b}width", "\u{7f}", "ok plain",
    ])
    func theSanitizerLeavesNothingDangerousAndIsIdempotent(text: String) {
        let once = TextSanitizer.sanitize(text)
        #expect(!once.text.unicodeScalars.contains { TextSanitizer.isDangerous($0) })
        #expect(TextSanitizer.sanitize(once.text).text == once.text)
        #expect(once.changed == (text != "ok plain"))
    }

    @Test func sanitizerKeepsOrdinaryScriptsAndTruncates() {
        let names = "Müller Гончаров 山田太郎 شركة Ελλάδα"
        #expect(TextSanitizer.sanitize(names) == (names, false))
        #expect(TextSanitizer.clean(String(repeating: "x", count: 50), limit: 10) == "xxxxxxxxx…")
    }
}
