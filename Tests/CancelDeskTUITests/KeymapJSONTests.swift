import Testing

@testable import CancelDeskTUI

@Suite("Keymap JSON reader")
struct KeymapJSONTests {
    @Test("objects keep every member in order, duplicates included, with line numbers")
    func duplicatesKept() throws {
        let value = try KeymapJSON.parse("{\"a\": 1,\n \"b\": [true, null],\n \"a\": \"x\"}")
        #expect(
            value
                == .object([
                    .init(key: "a", value: .number("1"), line: 1),
                    .init(key: "b", value: .array([.bool(true), .null]), line: 2),
                    .init(key: "a", value: .string("x"), line: 3),
                ]))
    }

    @Test(
        "string escapes",
        arguments: [
            (#""a\"b\\c\/d""#, "a\"b\\c/d"), (#""\n\t\r\b\f""#, "\n\t\r\u{8}\u{C}"), (#""\u00e9\u0041""#, "éA"),
            (#""\ud83d\ude00""#, "😀"), (#""<C-\\>""#, "<C-\\>"), ("\"é€\"", "é€"),
        ])
    func escapes(json: String, text: String) throws {
        #expect(try KeymapJSON.parse(json) == .string(text))
    }

    @Test("numbers as written", arguments: ["0", "1", "-1", "1.0", "2e3", "-0.5E-2"])
    func numbers(text: String) throws {
        #expect(try KeymapJSON.parse(text) == .number(text))
    }

    @Test("a byte-order mark and surrounding whitespace are accepted")
    func byteOrderMark() throws {
        #expect(try KeymapJSON.parse("\u{FEFF} \n {} \n") == .object([]))
    }

    @Test(
        "syntax errors carry line and column",
        arguments: [
            ("{\"a\": 1,}", 1, 9, "expected a \"key\" after the comma"),
            ("{\n  \"a\" 1}", 2, 7, "expected : after the key \"a\""),
            ("[1, 2", 1, 6, "expected , or ] in the list"),
            ("\"abc", 1, 5, "unterminated string"),
            ("01", 1, 2, "unexpected text after the end of the JSON value"),
            ("{\"a\": tru}", 1, 7, "unexpected word; expected true"),
            ("", 1, 1, "unexpected end of input; expected a value"),
            ("{'a': 1}", 1, 2, "expected a \"key\""),
            ("\"a\u{1}\"", 1, 3, "control character 0x1 inside a string; escape it"),
            (#""\x""#, 1, 3, "invalid escape \\'x'"),
            (#""\ud800x""#, 1, 8, "lone surrogate in \\u escape"),
            ("-", 1, 2, "expected a digit"),
            ("1.", 1, 3, "expected a digit after the decimal point"),
        ])
    func syntaxErrors(json: String, line: Int, column: Int, message: String) {
        #expect(throws: KeymapJSONSyntaxError(line: line, column: column, message: message)) {
            try KeymapJSON.parse(json)
        }
    }

    @Test("deep nesting is refused instead of overflowing the stack")
    func depthLimit() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: KeymapJSONSyntaxError.self) { try KeymapJSON.parse(deep) }
        let shallow = String(repeating: "[", count: 30) + String(repeating: "]", count: 30)
        #expect(throws: Never.self) { try KeymapJSON.parse(shallow) }
    }

    @Test(
        "paths print like the file reads",
        arguments: [
            (KeymapPath.binding(.list, .approve).index(1), "contexts.list.approve[1]"),
            (KeymapPath.root.key("contexts").key("my list"), #"contexts["my list"]"#),
            (KeymapPath.root.key("contexts").key("a\"b"), #"contexts["a\"b"]"#),
            (KeymapPath.root.key("contexts").key("\u{1b}[2J"), #"contexts["\u{1b}[2J"]"#),
            (KeymapPath.root, "(top level)"),
        ])
    func paths(path: KeymapPath, text: String) {
        #expect(path.description == text)
    }
}
