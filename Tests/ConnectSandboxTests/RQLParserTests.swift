import Testing

@testable import ConnectSandbox

@Suite("RQL parsing")
struct RQLParserTests {
    @Test func officialClientQueryParses() throws {
        let query = try RQLQuery(rawQuery: "and(eq(type,cancel),eq(status,pending))&limit=100&offset=0")
        #expect(
            query.filter
                == .and([
                    .compare(.eq, field: "type", value: .text("cancel")),
                    .compare(.eq, field: "status", value: .text("pending")),
                ]))
        #expect(query.limit == 100)
        #expect(query.offset == 0)
    }

    @Test func nestingOfLogicalOperators() throws {
        let query = try RQLQuery(rawQuery: "or(and(eq(a,1),not(eq(b,2))),in(c,(x,y)),out(d,(z)))")
        #expect(
            query.filter
                == .or([
                    .and([
                        .compare(.eq, field: "a", value: .text("1")),
                        .not(.compare(.eq, field: "b", value: .text("2"))),
                    ]),
                    .member(field: "c", values: [.text("x"), .text("y")], negated: false),
                    .member(field: "d", values: [.text("z")], negated: true),
                ]))
    }

    @Test func infixOperatorsAndGrouping() throws {
        let query = try RQLQuery(rawQuery: "(eq(a,1)|eq(b,2))&eq(c,3)")
        #expect(
            query.filter
                == .and([
                    .or([.compare(.eq, field: "a", value: .text("1")), .compare(.eq, field: "b", value: .text("2"))]),
                    .compare(.eq, field: "c", value: .text("3")),
                ]))
    }

    @Test(arguments: [
        ("eq(name,\"a b\")", "a b"),
        ("eq(name,'a,b')", "a,b"),
        ("eq(name,%22x,(y)%22)", "x,(y)"),
        ("eq(name,%27it%22s%27)", "it\"s"),
        ("eq(name,a%20b%2Cc)", "a b,c"),
        ("eq(name,2025-01-01T00:00:00+00:00)", "2025-01-01T00:00:00+00:00"),
    ])
    func quotedAndEncodedValues(raw: String, expected: String) throws {
        let query = try RQLQuery(rawQuery: raw)
        #expect(query.filter == .compare(.eq, field: "name", value: .text(expected)))
    }

    @Test func nullAndEmptyValues() throws {
        #expect(try RQLQuery(rawQuery: "eq(assignee,null())").filter == .compare(.eq, field: "assignee", value: .null))
        #expect(try RQLQuery(rawQuery: "ne(assignee,null)").filter == .compare(.ne, field: "assignee", value: .null))
        #expect(try RQLQuery(rawQuery: "eq(note,empty())").filter == .compare(.eq, field: "note", value: .text("")))
        #expect(
            try RQLQuery(rawQuery: "eq(note,\"null\")").filter
                == .compare(.eq, field: "note", value: .text("null")))
    }

    @Test func shortForms() throws {
        let plain = try RQLQuery(rawQuery: "status=pending&type=cancel")
        #expect(
            plain.filter
                == .and([
                    .compare(.eq, field: "status", value: .text("pending")),
                    .compare(.eq, field: "type", value: .text("cancel")),
                ]))
        #expect(
            try RQLQuery(rawQuery: "status=eq=pending").filter
                == .compare(.eq, field: "status", value: .text("pending")))
        #expect(
            try RQLQuery(rawQuery: "status=ne=pending").filter
                == .compare(.ne, field: "status", value: .text("pending")))
        #expect(
            try RQLQuery(rawQuery: "status=in=(pending,inquiring)").filter
                == .member(field: "status", values: [.text("pending"), .text("inquiring")], negated: false))
        let paging = try RQLQuery(rawQuery: "limit=eq=5&offset=10")
        #expect(paging.filter == nil)
        #expect(paging.limit == 5 && paging.offset == 10)
    }

    @Test func selectOrderingAndPagingDirectives() throws {
        let query = try RQLQuery(
            rawQuery: "select(-asset.params,-activation_key,asset)&eq(type,cancel)"
                + "&ordering(created,-updated)&limit(7,3)"
        )
        #expect(query.excluded == ["asset.params", "activation_key"])
        #expect(
            query.ordering == [
                RQLOrder(field: "created", descending: false), RQLOrder(field: "updated", descending: true),
            ])
        #expect(query.limit == 7 && query.offset == 3)
        #expect(query.filter == .compare(.eq, field: "type", value: .text("cancel")))
    }

    @Test func likePatterns() {
        #expect(GlobPattern("Cloud*", caseInsensitive: false).matches("Cloud Backup Pro"))
        #expect(!GlobPattern("cloud*", caseInsensitive: false).matches("Cloud Backup Pro"))
        #expect(GlobPattern("*BACKUP*", caseInsensitive: true).matches("Cloud Backup Pro"))
        #expect(GlobPattern("*a*b*", caseInsensitive: false).matches("xaxb"))
        #expect(!GlobPattern("*a*b", caseInsensitive: false).matches("xaxbx"))
        #expect(GlobPattern("exact", caseInsensitive: false).matches("exact"))
    }

    @Test(arguments: ["eq(a", "eq(a,1))", "frobnicate(a,1)", "eq(a,\"open", "eq(a,1,2)", "status"])
    func malformedQueriesAreRefused(raw: String) {
        #expect(throws: RQLError.self) { try RQLQuery(rawQuery: raw) }
    }

    @Test func deepNestingIsRefusedInsteadOfOverflowingTheStack() throws {
        // FuzzRQL found ~9,800 `(` overflowing the recursive parser; 64 levels still parse.
        let deep = String(repeating: "(", count: 10_000) + "eq(a,1)" + String(repeating: ")", count: 10_000)
        #expect(throws: RQLError("Bad filter query: nested deeper than 64 parentheses.")) {
            try RQLQuery(rawQuery: deep)
        }
        let fine = String(repeating: "(", count: 63) + "eq(a,1)" + String(repeating: ")", count: 63)
        #expect(try RQLQuery(rawQuery: fine).filter == .compare(.eq, field: "a", value: .text("1")))
    }

    @Test func unknownFieldsAreIgnoredByTheCompiler() {
        let fields = FieldTable<String>(["name": .text { $0 }])
        let unknown = RQLCompiler.predicate(.compare(.eq, field: "nmae", value: .text("x")), fields: fields)
        #expect(unknown == nil)
        let mixed = RQLCompiler.predicate(
            .or([.compare(.eq, field: "bogus", value: .text("1")), .compare(.eq, field: "name", value: .text("b"))]),
            fields: fields
        )
        #expect(mixed?("b") == true)
        #expect(mixed?("a") == false)
    }

    @Test func timestampsRoundTrip() {
        let micros: Int64 = 1_616_156_492_472_670
        #expect(ISOTime.format(micros) == "2021-03-19T12:21:32.472670+00:00")
        #expect(ISOTime.parse("2021-03-19T12:21:32.472670+00:00") == micros)
        #expect(ISOTime.parse("2021-03-19T14:21:32.47267+02:00") == micros)
        #expect(ISOTime.format(1_616_156_492_000_000) == "2021-03-19T12:21:32+00:00")
        #expect(ISOTime.parse("2021-03-19") == 1_616_112_000_000_000)
        #expect(ISOTime.parse("yesterday") == nil)
    }
}
