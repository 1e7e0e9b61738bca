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
/// Connect secret (from the environment, the key file, or the file's own `connect.api_key` when it is unique)
/// appears in no problem message.
/// Set FUZZ_CONFIG_STRICT_MESSAGES=1 to also require that no problem message holds a control, bidi or format
/// character (off by default: unknown key names are echoed as written).
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
    let fileText = Data(input.rest)
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
            require(!product.isEmpty && product.unicodeScalars.allSatisfy(\.isASCII), "accepted product \(scalarDump(product))")
            require(engine.templates[product] != nil || engine.defaultTemplate != nil, "no template for \(product)")
        }
        require((1...256).contains(configuration.concurrency), "accepted concurrency \(configuration.concurrency)")
        require(!configuration.journalPath.isEmpty, "accepted without a journal path")
    } catch let error as ConfigurationError {
        require(!error.problems.isEmpty, "refused without a problem")
        let message = error.description
        var secrets = [canary]
        if let inline = uniqueInlineKey(fileText) { secrets.append(inline) }
        for secret in secrets {
            require(!message.contains(secret), "the Connect secret appears in: \(message)")
        }
        if Scratch.strictMessages {
            for scalar in message.unicodeScalars where TextSanitizer.isDangerous(scalar) && scalar != "\n" {
                require(false, "problem message holds U+\(String(scalar.value, radix: 16)): \(scalarDump(message))")
            }
        }
    } catch {
        require(false, "load threw \(type(of: error)), not ConfigurationError: \(error)")
    }
    return 0
}

/// `connect.api_key` when it is at least 12 characters long and no other string in the file (key or value)
/// contains it or is contained in it — only then is its appearance in a message a leak, not an echo.
private func uniqueInlineKey(_ data: Data) -> String? {
    guard let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
        let connect = root["connect"] as? [String: Any], let key = connect["api_key"] as? String,
        key.count >= 12, !Scratch.configFile.contains(key)
    else { return nil }
    var strings: [String] = []
    func collect(_ value: Any) {
        if let text = value as? String {
            strings.append(text)
        } else if let list = value as? [Any] {
            list.forEach(collect)
        } else if let object = value as? [String: Any] {
            for (name, item) in object {
                strings.append(name)
                collect(item)
            }
        } else {
            strings.append("\(value)")
        }
    }
    collect(root)
    let others = strings.filter { $0 != key }
    guard strings.count - others.count == 1 else { return nil }
    for other in others where other.contains(key) || (other.count >= 4 && key.contains(other)) { return nil }
    return key
}

/// A private directory for this process: the configuration file and a 0600 key file.
private enum Scratch {
    static let directory: String = {
        let path = NSTemporaryDirectory() + "canceldesk-fuzz-config-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let key = path + "/connect.key"
        _ = FileManager.default.createFile(atPath: key, contents: Data("ApiKey SU-000-111-222:CANARY-7f3e9a1c5b\n".utf8))
        chmod(key, 0o600)
        atexit { try? FileManager.default.removeItem(atPath: Scratch.directory) }
        return path
    }()
    static var configFile: String { directory + "/config.json" }
    static var keyFile: String { directory + "/connect.key" }
    static let strictMessages = ProcessInfo.processInfo.environment["FUZZ_CONFIG_STRICT_MESSAGES"] == "1"
}
