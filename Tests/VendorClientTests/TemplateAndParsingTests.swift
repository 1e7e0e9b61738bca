import AsyncHTTPClient
import CancelDeskCore
import Foundation
import Testing

@testable import VendorClient

@Suite struct TemplateAndParsingTests {
    @Test func templatesParseOnlyWellFormedPlaceholders() {
        let template = VendorTemplate(#"{"a": "{reason}", "b": {}, "c": "{param:x-1}", "d": "{ reason}", "e": "{x:}"}"#)
        #expect(template.placeholders == [.reason, .parameter("x-1")])
        #expect(VendorTemplate("{nope}{param:a b}{request_id").placeholders == [.unknown("{nope}")])
        #expect(VendorTemplate("https://h/{asset_id}").literalPrefix == "https://h/")
    }

    @Test func jsonEscapingKeepsAnyTextValid() throws {
        let nasty = "quote \" backslash \\ newline \n cr \r tab \t nul \u{0} esc \u{1B} del \u{7F} ls \u{2028} 🙂"
        let body = #"{"v": ""# + TemplateEncoding.jsonString(nasty) + #""}"#
        let decoded = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: String]
        #expect(decoded == ["v": nasty])
        #expect(!body.contains("\n"))
    }

    @Test func percentEncodingKeepsOnlyUnreservedCharacters() {
        #expect(PercentEncoding.component("AZaz09-._~") == "AZaz09-._~")
        #expect(PercentEncoding.component("a/b c?d#e%f&g=h+i") == "a%2Fb%20c%3Fd%23e%25f%26g%3Dh%2Bi")
        #expect(PercentEncoding.component("é") == "%C3%A9")
        #expect(PercentEncoding.component(".") == "%2E")
        #expect(PercentEncoding.component("..") == "%2E%2E")
        #expect(PercentEncoding.component("a..b") == "a..b")
    }

    @Test func retryAfterAcceptsSecondsAndTheThreeDateForms() {
        let now = 784_111_777.0 // Sun, 06 Nov 1994 08:49:37 GMT
        #expect(RetryAfter.parse("120", now: now) == .seconds(120))
        #expect(RetryAfter.parse(" 0 ", now: now) == .seconds(0))
        #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:50:37 GMT", now: now) == .seconds(60))
        #expect(RetryAfter.parse("Sunday, 06-Nov-94 08:51:37 GMT", now: now) == .seconds(120))
        #expect(RetryAfter.parse("Sun Nov  6 08:52:37 1994", now: now) == .seconds(180))
        #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:00:00 GMT", now: now) == .zero)
        for garbage in ["", "-5", "1.5", "soon", "Sun, 32 Nov 1994 08:49:37 GMT", "99999999999"] {
            #expect(RetryAfter.parse(garbage, now: now) == nil, "\(garbage)")
        }
    }

    @Test func errorBodiesAreReadInTheirCommonShapes() {
        func fields(_ json: String) -> VendorErrorFields { VendorErrorFields(body: Data(json.utf8)) }
        #expect(
            fields(#"{"error":"already_cancelled","message":"m"}"#)
                == VendorErrorFields(code: "already_cancelled", message: "m"))
        #expect(
            fields(#"{"error":{"code":"E1","message":"nested"}}"#) == VendorErrorFields(code: "E1", message: "nested"))
        #expect(fields(#"{"title":"Conflict","detail":"Subscription already canceled"}"#).meansAlreadyCancelled)
        #expect(fields(#"{"error":"cancellation already in progress"}"#).meansInProgress)
        #expect(fields(#"{"error":"idempotency_key_in_use"}"#).meansInProgress)
        #expect(!fields(#"{"error":"state_conflict"}"#).meansAlreadyCancelled)
        let reused = #"{"error":"idempotency_key_reused","message":"Key k was already used with a different request"}"#
        #expect(!fields(reused).meansAlreadyCancelled)
        #expect(!fields(#"{"error":"conflict","message":"Seat is in user group admins"}"#).meansInProgress)
        #expect(!fields(#"{"error":"cancellation_forbidden","message":"Ask the reseller"}"#).meansInProgress)
        #expect(fields("not json") == VendorErrorFields())
    }

    @Test func a422ThatMeansAlreadyCancelledIsACancel() {
        let response = VendorHTTPResponse(
            status: 422, body: Data(#"{"error":"subscription_already_cancelled"}"#.utf8))
        #expect(
            VendorResponseClassifier.classify(response, subscriptionID: "SUB-1001", now: 0)
                == .cancelled(alreadyCancelled: true, message: "subscription_already_cancelled"))
    }

    @Test func transportFailuresAreClassified() {
        #expect(
            VendorResponseClassifier.outcome(for: VendorHTTPExchange.failure(for: HTTPClientError.connectTimeout))
                == .transient(message: "connect timeout", retryAfter: nil))
        #expect(
            VendorResponseClassifier.outcome(for: VendorHTTPExchange.failure(for: HTTPClientError.invalidURL))
                == .permanent(message: "the vendor call cannot be sent: Invalid URL"))
        let headers = HTTPClientError.invalidHeaderFieldValues(["Bearer \(Fixtures.apiKey)\r\n"])
        let outcome = VendorResponseClassifier.outcome(for: VendorHTTPExchange.failure(for: headers))
        #expect(
            outcome
                == .permanent(message: "the vendor call cannot be sent: Invalid header field values"))
    }

    @Test func logsShowThePathWithoutTheQuery() {
        #expect(VendorHTTPExchange.pathOnly("https://v.example:8443/a/b%2Fc?key=1#f") == "/a/b%2Fc")
        #expect(VendorHTTPExchange.pathOnly("https://v.example") == "/")
    }
}
