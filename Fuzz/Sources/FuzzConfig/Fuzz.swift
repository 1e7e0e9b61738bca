import CancelDeskCore
import Foundation
import FuzzSupport

/// `ConfigurationLoader.load()` with the input as the configuration file (written 0600 to a private temporary
/// directory, passed as `--config`) and one of several environments.
///
/// First byte: the environment — 0 none; 1 a complete environment (so the file's remaining keys decide);
/// 2 the API key only; 3 fuzzed values for CONNECT_API_URL, CANCELDESK_PRODUCTS, CANCELDESK_ENVIRONMENTS and
/// VENDOR_API_URL; 4 the API key from a 0600 key file. Properties: no crash; a refusal lists problems; an accepted
/// configuration has products that are ids, templates for each, a concurrency in 1…256 and a journal path; the
/// Connect secret (from the environment, the key file, or the secret part of the file's own `connect.api_key` when
/// nothing else in the file could spell it) appears in no problem message; no problem message holds a control, bidi
/// or format character (unknown key names and paths are echoed escaped).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    var input = FuzzInput(start, count)
    let mode = input.pick(5)
    let canary = "ApiKey SU-000-111-222:CANARY-7f3e9a1c5b"
    var environment: [String: String] = [:]
    switch mode {
    case 1:
        environment = [
            "CONNECT_API_KEY": canary, "CANCELDESK_PRODUCTS": "PRD-276-377-545",
            "CANCELDESK_TEMPLATE_ID": "TL-276-377-101", "VENDOR_API_URL": "http://127.0.0.1:9/vendor/v1",
            "CANCELDESK_JOURNAL": "/nonexistent/journal.sqlite",
        ]
    case 2:
        environment = ["CONNECT_API_KEY": canary, "HOME": "/nonexistent"]
    case 3:
        environment = [
            "CONNECT_API_KEY": canary, "CONNECT_API_URL": input.string(), "CANCELDESK_PRODUCTS": input.string(),
            "CANCELDESK_ENVIRONMENTS": input.string(), "VENDOR_API_URL": input.string(),
        ]
    case 4:
        environment = ["CONNECT_API_KEY_FILE": Scratch.keyFile]
    default:
        break
    }
    // An empty file is written as one space (also not JSON, the same refusal): swift-foundation leaks 4 KiB per
    // read of an empty file (see lsan.supp), which would otherwise grow the fuzzer past its RSS limit.
    let fileText = input.rest.isEmpty ? Data(" ".utf8) : Data(input.rest)
    guard FileManager.default.createFile(atPath: Scratch.configFile, contents: fileText) else {
        fatalError("cannot write \(Scratch.configFile)")
    }
    chmod(Scratch.configFile, 0o600)

    let loader = ConfigurationLoader(environment: environment, explicitPath: Scratch.configFile)
    do {
        let configuration = try loader.load()
        let engine = configuration.engine
        require(!engine.scope.products.isEmpty, "accepted without products")
        for product in engine.scope.products {
            require(
                !product.isEmpty && product.unicodeScalars.allSatisfy(\.isASCII),
                "accepted product \(scalarDump(product))")
            require(engine.templates[product] != nil || engine.defaultTemplate != nil, "no template for \(product)")
        }
        require((1...256).contains(configuration.concurrency), "accepted concurrency \(configuration.concurrency)")
        require(!configuration.journalPath.isEmpty, "accepted without a journal path")
    } catch let error as ConfigurationError {
        require(!error.problems.isEmpty, "refused without a problem")
        let message = error.description
        var secrets = [canary, "CANARY-7f3e9a1c5b"]
        if let inline = uniqueInlineSecret(fileText) { secrets.append(inline) }
        for secret in secrets {
            require(!message.contains(secret), "the Connect secret appears in: \(message)")
        }
        for scalar in message.unicodeScalars where TextSanitizer.isDangerous(scalar) && scalar != "\n" {
            require(false, "problem message holds U+\(String(scalar.value, radix: 16)): \(scalarDump(message))")
        }
    } catch {
        require(false, "load threw \(type(of: error)), not ConfigurationError: \(error)")
    }
    return 0
}

/// The secret part (after the last `:`) of `connect.api_key`, when a message holding it can only be a leak, not
/// an echo: at least 12 characters, letters and digits only with at least one of each, and unique among every
/// string literal of the raw text (duplicate keys included, escapes decoded): no other literal contains it or is a
/// piece of it.
private func uniqueInlineSecret(_ data: Data) -> String? {
    guard let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
        let connect = root["connect"] as? [String: Any], let key = connect["api_key"] as? String,
        let secret = key.split(separator: ":").last.map(String.init), secret.count >= 12,
        secret.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.isAlphabetic || ("0"..."9").contains($0) }),
        secret.contains(where: \.isNumber), secret.contains(where: \.isLetter), !Scratch.configFile.contains(secret)
    else { return nil }
    let literals = stringLiterals(Array(data))
    let holding = literals.filter { $0.contains(secret) }
    guard holding.count == 1, holding[0] == key else { return nil }
    for literal in literals where literal != key && literal.count >= 4 && secret.contains(literal) { return nil }
    return secret
}

/// Every JSON string literal in `bytes`, decoded (a lenient scan: what any parser could read as a string).
private func stringLiterals(_ bytes: [UInt8]) -> [String] {
    var literals: [String] = []
    var index = 0
    while index < bytes.count {
        guard bytes[index] == UInt8(ascii: "\"") else {
            index += 1
            continue
        }
        var end = index + 1
        while end < bytes.count, bytes[end] != UInt8(ascii: "\"") { end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1 }
        guard end < bytes.count else { break }
        let literal = Data([UInt8(ascii: "[")] + bytes[index...end] + [UInt8(ascii: "]")])
        if let decoded = try? JSONDecoder().decode([String].self, from: literal).first {
            literals.append(decoded)
        } else {
            literals.append(String(decoding: bytes[(index + 1)..<end], as: UTF8.self))
        }
        index = end + 1
    }
    return literals
}

/// A private directory for this process: the configuration file and a 0600 key file.
private enum Scratch {
    static let directory: String = {
        let path = NSTemporaryDirectory() + "canceldesk-fuzz-config-\(getpid())"
        try? FileManager.default.createDirectory(
            atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let key = path + "/connect.key"
        _ = FileManager.default.createFile(
            atPath: key, contents: Data("ApiKey SU-000-111-222:CANARY-7f3e9a1c5b\n".utf8))
        chmod(key, 0o600)
        atexit { try? FileManager.default.removeItem(atPath: Scratch.directory) }
        return path
    }()
    static var configFile: String { directory + "/config.json" }
    static var keyFile: String { directory + "/connect.key" }
}
