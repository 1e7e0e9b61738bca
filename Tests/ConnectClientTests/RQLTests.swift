import ConnectClient
import Testing

@Suite struct RQLTests {
    @Test func rendersThePendingCancelQueryInTheOfficialClientsOrder() {
        let query = RQLQuery.pendingCancels(
            products: ["PRD-111-222-333", "PRD-444-555-666"], environments: ["preview", "production"],
            marketplaces: ["MP-12345"])
        #expect(
            query.queryString
                == "select(-activation_key,-template)&and(eq(type,cancel),eq(status,pending),"
                + "in(asset.product.id,(PRD-111-222-333,PRD-444-555-666)),in(asset.connection.type,(preview,production)),"
                + "in(marketplace.id,(MP-12345)))&ordering(created)")
    }

    @Test func quotesValuesWithSpacesCommasAndParentheses() {
        #expect(RQL.eq("name", "Default Activation Template").rendered == #"eq(name,"Default Activation Template")"#)
        #expect(RQL.eq("name", "a,b").rendered == #"eq(name,"a,b")"#)
        #expect(RQL.eq("name", #"say "hi""#).rendered == #"eq(name,'say "hi"')"#)
        #expect(RQL.eq("name", "").rendered == #"eq(name,"")"#)
        #expect(RQL.eq("name", "null()").rendered == #"eq(name,"null()")"#)
        #expect(RQL.isNull("assignee").rendered == "eq(assignee,null())")
        #expect(RQL.not(.in("status", ["approved", "failed"])).rendered == "not(in(status,(approved,failed)))")
        #expect(RQL.ilike("name", "*saas services*").rendered == #"ilike(name,"*saas services*")"#)
    }

    @Test func aValueWithBothQuotesCannotBreakOutOfItsTerm() {
        let rendered = RQL.eq("name", #"x",eq(status,"approved"#).rendered
        #expect(rendered.hasPrefix("eq(name,'"))
        #expect(rendered.hasSuffix("')"))
        #expect(rendered.dropFirst(9).dropLast(2).contains("'") == false)
    }

    @Test func aQuoteFollowedByACombiningMarkStillCountsAsAQuote() {
        // `"` + U+0301 is one Character that is not `"`; the server sees the quote scalar. Found by FuzzRQL.
        let value = "x\"\u{301},eq(status,approved)"
        let rendered = RQL.eq("name", value).rendered
        #expect(rendered == "eq(name,'" + value + "')")
        let both = RQL.eq("name", "a\"\u{301}'\u{301}b").rendered
        // (In a variable: swift-testing's #expect mis-expands a literal holding a combining mark after `"`.)
        let expected = "eq(name,'a\"\u{301}\u{2019}\u{301}b')"
        #expect(both == expected)
        #expect(!both.unicodeScalars.dropFirst(9).dropLast(2).contains("'"))
    }

    @Test func percentEncodingKeepsRQLSyntaxAndEscapesTheRest() {
        #expect(RQL.percentEncode(#"eq(name,"a b&c#d+e%")"#) == "eq(name,%22a%20b%26c%23d%2Be%25%22)")
        #expect(RQL.percentEncode("eq(name,Ünïcødé)") == "eq(name,%C3%9Cn%C3%AFc%C3%B8d%C3%A9)")
    }
}
