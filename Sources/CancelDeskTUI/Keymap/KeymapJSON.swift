/// A JSON value as written in a keymap file: objects keep their members in file order, duplicates included, each
/// with its line number.
///
/// Foundation's decoders silently drop duplicate object keys (JSONDecoder keeps the first, JSONSerialization the
/// last), so the keymap reader parses the text itself and reports every duplicate.
indirect enum KeymapJSON: Equatable, Sendable {
    case object([Member])
    case array([KeymapJSON])
    case string(String)
    /// A number, as written (`1`, `1.0`, `-2e3`).
    case number(String)
    case bool(Bool)
    case null

    /// One `"key": value` pair of an object.
    struct Member: Equatable, Sendable {
        let key: String
        let value: KeymapJSON
        /// The 1-based line of the key.
        let line: Int
    }

    /// A short name of the value's type for error messages ("a number", "an object", …).
    var typeName: String {
        switch self {
        case .object: "an object"
        case .array: "a list"
        case .string: "a string"
        case .number: "a number"
        case .bool: "true/false"
        case .null: "null"
        }
    }

    /// Parses `text` as one JSON value (RFC 8259; a leading UTF-8 byte-order mark is skipped).
    static func parse(_ text: String) throws(KeymapJSONSyntaxError) -> KeymapJSON {
        var parser = KeymapJSONParser(bytes: Array(text.utf8))
        return try parser.parseDocument()
    }
}

/// Why a text is not JSON, and where.
struct KeymapJSONSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    let line: Int
    let column: Int
    let message: String

    var description: String { "not valid JSON at line \(line), column \(column): \(message)" }
}

/// A small recursive-descent JSON parser over UTF-8 bytes.
private struct KeymapJSONParser {
    private static let maximumDepth = 64

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            index = 3
            lineStart = 3
        }
    }

    mutating func parseDocument() throws(KeymapJSONSyntaxError) -> KeymapJSON {
        let value = try parseValue(depth: 0)
        skipWhitespace()
        if index < bytes.count { throw failure("unexpected text after the end of the JSON value") }
        return value
    }

    // MARK: Values

    private mutating func parseValue(depth: Int) throws(KeymapJSONSyntaxError) -> KeymapJSON {
        guard depth < Self.maximumDepth else { throw failure("nested too deeply") }
        skipWhitespace()
        guard let byte = peek() else { throw failure("unexpected end of input; expected a value") }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"):
            try parseLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try parseLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try parseLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw failure("unexpected character \(Self.show(byte)); expected a value")
        }
    }

    private mutating func parseObject(depth: Int) throws(KeymapJSONSyntaxError) -> KeymapJSON {
        index += 1 // {
        var members: [KeymapJSON.Member] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else {
                throw failure(members.isEmpty ? "expected a \"key\"" : "expected a \"key\" after the comma")
            }
            let keyLine = line
            let key = try parseString()
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else { throw failure("expected : after the key \(key.keymapQuoted)") }
            index += 1
            let value = try parseValue(depth: depth + 1)
            members.append(KeymapJSON.Member(key: key, value: value, line: keyLine))
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                return .object(members)
            default: throw failure("expected , or } after the value of \(key.keymapQuoted)")
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(KeymapJSONSyntaxError) -> KeymapJSON {
        index += 1 // [
        var elements: [KeymapJSON] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            elements.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                return .array(elements)
            default: throw failure("expected , or ] in the list")
            }
        }
    }

    private mutating func parseLiteral(_ word: String) throws(KeymapJSONSyntaxError) {
        let expected = Array(word.utf8)
        guard bytes[index...].starts(with: expected) else { throw failure("unexpected word; expected \(word)") }
        index += expected.count
    }

    private mutating func parseNumber() throws(KeymapJSONSyntaxError) -> String {
        let start = index
        if peek() == UInt8(ascii: "-") { index += 1 }
        if peek() == UInt8(ascii: "0") {
            index += 1
        } else if try skipDigits() == 0 {
            throw failure("expected a digit")
        }
        if peek() == UInt8(ascii: ".") {
            index += 1
            guard try skipDigits() > 0 else { throw failure("expected a digit after the decimal point") }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            index += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
            guard try skipDigits() > 0 else { throw failure("expected a digit in the exponent") }
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func skipDigits() throws(KeymapJSONSyntaxError) -> Int {
        let start = index
        while let byte = peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { index += 1 }
        return index - start
    }

    private mutating func parseString() throws(KeymapJSONSyntaxError) -> String {
        index += 1 // opening quote
        var buffer: [UInt8] = []
        while true {
            guard let byte = peek() else { throw failure("unterminated string") }
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: buffer, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try parseEscape(into: &buffer)
            case 0x00..<0x20:
                index -= 1
                throw failure("control character \(Self.show(byte)) inside a string; escape it")
            default:
                buffer.append(byte)
            }
        }
    }

    private mutating func parseEscape(into buffer: inout [UInt8]) throws(KeymapJSONSyntaxError) {
        guard let byte = peek() else { throw failure("unterminated string") }
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(byte)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            var value = try parseHex4()
            if (0xD800..<0xDC00).contains(value) {
                guard bytes[index...].starts(with: Array("\\u".utf8)) else {
                    throw failure("lone surrogate in \\u escape")
                }
                index += 2
                let low = try parseHex4()
                guard (0xDC00..<0xE000).contains(low) else { throw failure("invalid surrogate pair in \\u escape") }
                value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let scalar = Unicode.Scalar(value) else { throw failure("invalid \\u escape") }
            buffer.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            index -= 1
            throw failure("invalid escape \\\(Self.show(byte))")
        }
    }

    private mutating func parseHex4() throws(KeymapJSONSyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count,
            let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
        else { throw failure("expected four hex digits after \\u") }
        index += 4
        return value
    }

    // MARK: Helpers

    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
            case UInt8(ascii: "\n"):
                index += 1
                line += 1
                lineStart = index
            default:
                return
            }
        }
    }

    private func failure(_ message: String) -> KeymapJSONSyntaxError {
        KeymapJSONSyntaxError(line: line, column: index - lineStart + 1, message: message)
    }

    private static func show(_ byte: UInt8) -> String {
        (0x21..<0x7F).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "0x" + String(byte, radix: 16)
    }
}
