internal import Foundation

/// A JSON value of the configuration file.
enum ConfigValue: Decodable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([ConfigValue])
    case object([String: ConfigValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([ConfigValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: ConfigValue].self))
        }
    }
}

/// The configuration file, with typed getters that report a wrong type by its key path (`connect.products`).
struct ConfigDocument {
    var values: [String: ConfigValue]
    var path: String

    /// Every key canceldesk knows, by section ("" is the top level).
    static let knownKeys: [String: Set<String>] = [
        "": ["connect", "vendor", "auto", "console", "journal", "key_salt", "profiles"],
        "connect": [
            "url", "api_key", "api_key_file", "products", "environments", "marketplaces", "templates",
            "default_template", "subscription_param", "connect_timeout_seconds", "timeout_seconds", "assignee",
        ],
        "vendor": [
            "adapter", "url", "api_key", "api_key_file", "connect_timeout_seconds", "timeout_seconds", "method",
            "headers", "body", "command",
        ],
        "auto": ["on_vendor_refusal", "concurrency", "claim_with_assign", "stop_grace_seconds", "take_assigned"],
        "console": ["claim_on_open"],
    ]

    static func read(path: String) throws -> ConfigDocument {
        let data: Data
        do {
            data = try BoundedFile.read(path, limit: BoundedFile.configurationLimit)
        } catch {
            throw ConfigurationError(["\(path): configuration file \(error)"])
        }
        let value: ConfigValue
        do {
            value = try JSONDecoder().decode(ConfigValue.self, from: data)
        } catch {
            throw ConfigurationError(["\(path): not valid JSON"])
        }
        guard case .object(let values) = value else {
            throw ConfigurationError(["\(path): the top level must be a JSON object"])
        }
        return ConfigDocument(values: values, path: path)
    }

    /// The keys a profile may set: every top-level key but `profiles`.
    static let profileKeys = knownKeys[""]!.subtracting(["profiles"])

    /// Unknown keys and sections that are not objects, in the top level and in every profile.
    func structureProblems() -> [String] {
        var problems = Self.structureProblems(values, allowed: Self.knownKeys[""]!, prefix: "")
        switch values["profiles"] {
        case .none, .null?: break
        case .object(let profiles)?:
            for name in profiles.keys.sorted() {
                guard Self.isProfileName(name) else {
                    problems.append("profiles.\(name): not a profile name (letters, digits, - and _; at most 64)")
                    continue
                }
                guard case .object(let profile)? = profiles[name] else {
                    problems.append("profiles.\(name): must be an object")
                    continue
                }
                problems += Self.structureProblems(profile, allowed: Self.profileKeys, prefix: "profiles.\(name).")
            }
        default:
            problems.append("profiles: must be an object")
        }
        return problems
    }

    private static func structureProblems(
        _ values: [String: ConfigValue], allowed: Set<String>, prefix: String
    ) -> [String] {
        var problems: [String] = []
        for key in values.keys.sorted() where !allowed.contains(key) {
            problems.append("\(prefix)\(key): unknown key")
        }
        for section in ["connect", "vendor", "auto", "console"] {
            switch values[section] {
            case .none, .null?: continue
            case .object(let object)?:
                for key in object.keys.sorted() where !knownKeys[section]!.contains(key) {
                    problems.append("\(prefix)\(section).\(key): unknown key")
                }
            default:
                problems.append("\(prefix)\(section): must be an object")
            }
        }
        return problems
    }

    /// A profile name: 1…64 ASCII letters, digits, `-` and `_` (it becomes part of the journal's file name).
    static func isProfileName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64
            && name.unicodeScalars.allSatisfy {
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_")
            }
    }

    /// The names of the file's profiles, sorted.
    var profileNames: [String] {
        guard case .object(let profiles)? = values["profiles"] else { return [] }
        return profiles.keys.sorted()
    }

    /// The profile `name`'s own keys; nil when the file has no such profile.
    func profile(_ name: String) -> [String: ConfigValue]? {
        guard case .object(let profiles)? = values["profiles"], case .object(let profile)? = profiles[name] else {
            return nil
        }
        return profile
    }

    /// The document as the profile sees it: each of the profile's sections laid over the top level's key by key,
    /// its other keys replacing the top level's. `journal` is left to the loader (a profile's default differs).
    func applying(profile: [String: ConfigValue]) -> ConfigDocument {
        var merged = values
        merged["profiles"] = nil
        for (key, value) in profile where key != "journal" {
            if case .object(let overlay) = value, case .object(let base)? = merged[key] {
                merged[key] = .object(base.merging(overlay) { $1 })
            } else {
                merged[key] = value
            }
        }
        return ConfigDocument(values: merged, path: path)
    }

    private func value(_ section: String, _ key: String) -> ConfigValue? {
        let found: ConfigValue?
        if section.isEmpty {
            found = values[key]
        } else if case .object(let object)? = values[section] {
            found = object[key]
        } else {
            found = nil
        }
        return found == .null ? nil : found
    }

    private static func keyPath(_ section: String, _ key: String) -> String {
        section.isEmpty ? key : "\(section).\(key)"
    }

    func string(_ section: String, _ key: String, _ problems: inout [String]) -> String? {
        guard let value = value(section, key) else { return nil }
        guard case .string(let text) = value else {
            problems.append("\(Self.keyPath(section, key)): must be a string")
            return nil
        }
        return text
    }

    func strings(_ section: String, _ key: String, _ problems: inout [String]) -> [String]? {
        guard let value = value(section, key) else { return nil }
        guard case .array(let items) = value else {
            problems.append("\(Self.keyPath(section, key)): must be a list of strings")
            return nil
        }
        var texts: [String] = []
        for item in items {
            guard case .string(let text) = item else {
                problems.append("\(Self.keyPath(section, key)): must be a list of strings")
                return nil
            }
            texts.append(text)
        }
        return texts
    }

    func stringMap(_ section: String, _ key: String, _ problems: inout [String]) -> [String: String]? {
        guard let value = value(section, key) else { return nil }
        guard case .object(let object) = value else {
            problems.append("\(Self.keyPath(section, key)): must be an object of strings")
            return nil
        }
        var map: [String: String] = [:]
        for (name, item) in object {
            guard case .string(let text) = item else {
                problems.append("\(Self.keyPath(section, key)).\(name): must be a string")
                continue
            }
            map[name] = text
        }
        return map
    }

    func int(_ section: String, _ key: String, _ problems: inout [String]) -> Int? {
        guard let value = value(section, key) else { return nil }
        guard case .number(let number) = value, number == number.rounded(), abs(number) < 1e9 else {
            problems.append("\(Self.keyPath(section, key)): must be a whole number")
            return nil
        }
        return Int(number)
    }

    func bool(_ section: String, _ key: String, _ problems: inout [String]) -> Bool? {
        guard let value = value(section, key) else { return nil }
        guard case .bool(let flag) = value else {
            problems.append("\(Self.keyPath(section, key)): must be true or false")
            return nil
        }
        return flag
    }
}
