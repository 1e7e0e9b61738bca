import Foundation

/// A JSON value as decoded strictly (a boolean is never a number), to check a line's field types.
enum JSONValue: Decodable, Equatable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// The documented type name: string, integer, number, boolean, object, array, null.
    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .integer: "integer"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    var string: String? { if case .string(let text) = self { text } else { nil } }
    var integer: Int? { if case .integer(let number) = self { number } else { nil } }
}

/// The line types and their fields as docs/json.md documents them, read from the document itself.
struct JSONSchema {
    struct Field {
        var types: Set<String>
        var optional: Bool
    }

    /// Fields every line may carry ("Every line").
    var common: [String: Field] = [:]
    /// Fields by line type (a `### \`type\`` section's table).
    var types: [String: [String: Field]] = [:]

    static var documentPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/json.md").path
    }

    static func load() throws -> JSONSchema {
        var schema = JSONSchema()
        var section: String?
        for line in try String(contentsOfFile: documentPath, encoding: .utf8).split(separator: "\n") {
            if line.hasPrefix("## Every line") {
                section = ""
            } else if line.hasPrefix("### `") {
                section = String(line.dropFirst(5).prefix { $0 != "`" })
                schema.types[section!] = [:]
            } else if line.hasPrefix("## ") {
                section = nil
            } else if let current = section, line.hasPrefix("| `") {
                let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                guard cells.count >= 2 else { continue }
                let name = cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
                var type = cells[1]
                let optional = type.hasSuffix(", optional")
                if optional { type = String(type.dropLast(", optional".count)) }
                let field = Field(types: Set(type.components(separatedBy: " or ")), optional: optional)
                if current.isEmpty { schema.common[name] = field } else { schema.types[current]![name] = field }
            }
        }
        return schema
    }

    /// The problems of one stdout line against the schema (empty: it matches); `type` is its line type.
    func check(_ line: String) -> (type: String?, problems: [String]) {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(line.utf8)),
            case .object(let object) = value
        else { return (nil, ["not a JSON object: \(line)"]) }
        guard let type = object["type"]?.string else { return (nil, ["no type: \(line)"]) }
        guard let fields = types[type] else { return (type, ["type \(type) is not documented: \(line)"]) }
        var problems: [String] = []
        let all = common.merging(fields) { $1 }
        for (name, field) in all.sorted(by: { $0.key < $1.key }) {
            guard let present = object[name] else {
                if !field.optional { problems.append("\(type): \(name) missing: \(line)") }
                continue
            }
            if !field.types.contains(present.typeName) {
                problems.append("\(type): \(name) is \(present.typeName), documented \(field.types.sorted()): \(line)")
            }
        }
        for name in object.keys.sorted() where all[name] == nil {
            problems.append("\(type): \(name) is not documented: \(line)")
        }
        if object["event"] != object["type"] { problems.append("\(type): event differs from type: \(line)") }
        return (type, problems)
    }
}
