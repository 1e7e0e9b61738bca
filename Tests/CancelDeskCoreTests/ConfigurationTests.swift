import CancelDeskCore
import Foundation
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite final class ConfigurationTests {
    private var directories: [URL] = []

    deinit {
        for directory in directories { try? FileManager.default.removeItem(at: directory) }
    }

    let base = [
        "CONNECT_API_KEY": "SU-123-456-789:topsecretvalue", "CANCELDESK_PRODUCTS": "PRD-1,PRD-2",
        "CANCELDESK_TEMPLATE_ID": "TL-1", "VENDOR_API_URL": "https://vendor.example/api", "HOME": "/home/ops",
    ]

    func temporaryFile(_ text: String, mode: Int) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cd-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        directories.append(directory)
        let path = directory.appendingPathComponent("config.json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    @Test func anEnvironmentAloneIsEnough() throws {
        let configuration = try ConfigurationLoader(environment: base).load()
        #expect(configuration.connectURL == CancelDeskConfiguration.defaultConnectURL)
        #expect(configuration.apiKey.headerValue == "ApiKey SU-123-456-789:topsecretvalue")
        #expect(configuration.engine.scope.products == ["PRD-1", "PRD-2"])
        #expect(configuration.engine.scope.environments == ConnectionType.known)
        #expect(configuration.engine.template(forProduct: "PRD-2") == "TL-1")
        #expect(configuration.engine.connectHost == "api.connect.cloudblue.com")
        #expect(configuration.journalPath == "/home/ops/.local/state/canceldesk/journal.sqlite")
        guard case .http(let vendor) = configuration.vendor else {
            Issue.record("expected the http vendor adapter")
            return
        }
        #expect(vendor.baseURL == "https://vendor.example/api")
        #expect("\(configuration)".contains("topsecretvalue") == false)
    }

    @Test func everyProblemIsListedWithItsKey() {
        let environment = [
            "CANCELDESK_ENVIRONMENTS": "production,staging", "CONNECT_API_URL": "http://connect.example/v1",
        ]
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader(environment: environment).load()
        }
        let text = error?.problems.joined(separator: "\n") ?? ""
        #expect(text.contains("CONNECT_API_KEY"))
        #expect(text.contains("CANCELDESK_PRODUCTS"))
        #expect(text.contains("\"staging\""))
        #expect(text.contains("plain http is only allowed for loopback"))
        #expect(text.contains("VENDOR_API_URL"))
    }

    @Test func aFileIsReadStrictlyAndTheEnvironmentOverridesIt() throws {
        let path = try temporaryFile(
            """
            {"connect": {"products": ["PRD-9"], "templates": {"PRD-9": "TL-9"}, "environments": ["production"]},
             "vendor": {"adapter": "command", "command": ["/usr/local/bin/cancel-sub", "--live"], "timeout_seconds": 20},
             "auto": {"on_vendor_refusal": "reject", "concurrency": 16}, "key_salt": "abc"}
            """, mode: 0o600)
        var environment = base
        environment["CANCELDESK_PRODUCTS"] = nil
        environment["CANCELDESK_TEMPLATE_ID"] = nil
        let configuration = try ConfigurationLoader(environment: environment, explicitPath: path).load()
        #expect(configuration.engine.scope.products == ["PRD-9"])
        #expect(configuration.engine.scope.environments == [.production])
        #expect(configuration.engine.onVendorRefusal == .reject)
        #expect(configuration.concurrency == 16)
        #expect(configuration.engine.keySalt == "abc")
        #expect(
            configuration.vendor
                == .command(
                    CommandVendorSettings(
                        executable: "/usr/local/bin/cancel-sub", arguments: ["--live"], timeout: .seconds(20))))
        environment["CANCELDESK_PRODUCTS"] = "PRD-1"
        environment["CANCELDESK_TEMPLATE_ID"] = "TL-1"
        #expect(
            try ConfigurationLoader(environment: environment, explicitPath: path).load().engine.scope.products == [
                "PRD-1"
            ])
    }

    @Test func unknownKeysAndWrongTypesAreNamed() throws {
        let path = try temporaryFile(
            #"{"conect": {}, "connect": {"products": "PRD-1", "prodcts": []}, "auto": {"concurrency": "8"}}"#,
            mode: 0o600)
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader(environment: base, explicitPath: path).load()
        }
        let problems = error?.problems ?? []
        #expect(problems.contains("conect: unknown key"))
        #expect(problems.contains("connect.prodcts: unknown key"))
        #expect(problems.contains("auto.concurrency: must be a whole number"))
    }

    @Test func escapeSequencesInKeyNamesAreEchoedEscapedNotRaw() throws {
        // An unknown key holding an OSC title sequence and a clear-screen, and a marketplace id that would need
        // RQL quoting: the problems name them with \u{…} escapes, never the raw bytes.
        let path = try temporaryFile(
            #"{"connect": {"x\u001b]0;pwned\u0007\u001b[2J": 1, "marketplaces": ["MP-1\",eq(status,approved)"]}}"#,
            mode: 0o600)
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader(environment: base, explicitPath: path).load()
        }
        let problems = error?.problems ?? []
        #expect(problems.contains(#"connect.x\u{1B}]0;pwned\u{7}\u{1B}[2J: unknown key"#))
        #expect(problems.contains(#"connect.marketplaces: "MP-1",eq(status,approved)" is not a marketplace id"#))
        let text = error?.description ?? ""
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    }

    @Test func aSecretInAFileOthersCanReadIsRefusedWithAChmodHint() throws {
        // (A realistic secret: a registered one is masked wherever it appears, and "secret" is a word here.)
        let path = try temporaryFile(#"{"connect": {"api_key": "SU-1:in-file-secret-value"}}"#, mode: 0o644)
        var environment = base
        environment["CONNECT_API_KEY"] = nil
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader(environment: environment, explicitPath: path).load()
        }
        #expect(error?.problems.contains { $0.contains("chmod 600") } == true)
        #expect(error?.description.contains("secret") == true)
        #expect(error?.description.contains("in-file-secret-value") == false)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(
            try ConfigurationLoader(environment: environment, explicitPath: path).load().apiKey.redacted
                == "ApiKey SU-1:********")
    }

    @Test func aMissingExplicitFileAndBadJSONAreErrors() throws {
        #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader(environment: base, explicitPath: "/nonexistent/config.json").load()
        }
        let path = try temporaryFile("{not json", mode: 0o600)
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader(environment: base, explicitPath: path).load()
        }
        #expect(error?.problems.first?.contains("not valid JSON") == true)
    }

    // MARK: vendor hardening

    func secretFile(_ text: String) throws -> String {
        let path = try temporaryFile("{}", mode: 0o600)
        let secret = (path as NSString).deletingLastPathComponent + "/secret"
        try Data(text.utf8).write(to: URL(fileURLWithPath: secret))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: secret)
        return secret
    }

    @Test func aVendorKeyFileWithACRLFIsRefusedNamingTheSetting() throws {
        var environment = base
        environment["VENDOR_API_KEY_FILE"] = try secretFile("vendor-secret-value\r\n")
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader(environment: environment).load()
        }
        #expect(
            error?.problems.contains { $0.hasPrefix("VENDOR_API_KEY_FILE") && $0.contains("control character") }
                == true, "\(error?.problems ?? [])")
        // One trailing newline of a file is fine.
        environment["VENDOR_API_KEY_FILE"] = try secretFile("vendor-secret-value\n")
        guard case .http(let vendor) = try ConfigurationLoader(environment: environment).load().vendor else {
            Issue.record("expected the http vendor adapter")
            return
        }
        #expect(vendor.apiKey?.reveal == "vendor-secret-value")
    }

    @Test(arguments: ["vendor\r\nX-Injected: 1", "vendor-key\n", "vendor\u{7f}key", "vendor\u{85}key"])
    func aVendorKeyWithControlCharactersFromTheEnvironmentIsRefused(key: String) throws {
        var environment = base
        environment["VENDOR_API_KEY"] = key
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader(environment: environment).load()
        }
        #expect(
            error?.problems.contains { $0.hasPrefix("VENDOR_API_KEY:") && $0.contains("control character") }
                == true, "\(error?.problems ?? [])")
    }

    @Test func aConnectKeyWithACRLFIsRefusedNamingTheSetting() throws {
        var environment = base
        environment["CONNECT_API_KEY"] = nil
        environment["CONNECT_API_KEY_FILE"] = try secretFile("SU-123-456-789:topsecretvalue\r\n")
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader(environment: environment).load()
        }
        #expect(
            error?.problems.contains { $0.hasPrefix("CONNECT_API_KEY_FILE") && $0.contains("control character") }
                == true, "\(error?.problems ?? [])")
        #expect(error?.description.contains("topsecretvalue") == false)
        environment["CONNECT_API_KEY_FILE"] = nil
        environment["CONNECT_API_KEY"] = "SU-123-456-789:topsecretvalue\n"
        #expect(throws: ConfigurationError.self) { try ConfigurationLoader(environment: environment).load() }
    }

    @Test func everyKnownSecretIsRegisteredForRedaction() throws {
        var environment = base
        environment["CONNECT_API_KEY"] = "SU-123-456-789:connect-secret-4711"
        environment["VENDOR_API_KEY"] = "vendor-secret-4711"
        environment["CANCELDESK_KEY_SALT"] = "salt-secret-4711"
        environment["VENDOR_API_URL"] = "https://vendor.example/api?token=query-secret-4711"
        _ = try ConfigurationLoader(environment: environment).load()
        let text = "connect-secret-4711 vendor-secret-4711 salt-secret-4711 query-secret-4711"
        let redacted = SecretRedactor.redact(text)
        for secret in text.split(separator: " ") { #expect(!redacted.contains(secret)) }
        environment["CONNECT_API_URL"] = "https://user:userinfo-secret-4711@connect.example/v1"
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader(environment: environment).load()
        }
        #expect(error != nil)
        #expect(!SecretRedactor.redact("userinfo-secret-4711").contains("userinfo-secret-4711"))
    }

    @Test func timeoutsAndTheStopGraceAreConfigurable() throws {
        let defaults = try ConfigurationLoader(environment: base).load()
        #expect(
            defaults.connectTimeouts == CancelDeskConfiguration.Timeouts(connect: .seconds(10), total: .seconds(60)))
        #expect(defaults.stopGrace == .seconds(30))
        guard case .http(let vendor) = defaults.vendor else {
            Issue.record("expected the http vendor adapter")
            return
        }
        #expect(vendor.connectTimeout == .seconds(10))
        #expect(vendor.totalTimeout == .seconds(60))
        let path = try temporaryFile(
            """
            {"connect": {"connect_timeout_seconds": 3, "timeout_seconds": 20},
             "vendor": {"connect_timeout_seconds": 4, "timeout_seconds": 25}, "auto": {"stop_grace_seconds": 7}}
            """, mode: 0o600)
        var environment = base
        let configured = try ConfigurationLoader(environment: environment, explicitPath: path).load()
        #expect(
            configured.connectTimeouts == CancelDeskConfiguration.Timeouts(connect: .seconds(3), total: .seconds(20)))
        #expect(configured.stopGrace == .seconds(7))
        #expect(
            configured.vendor
                == .http(
                    HTTPVendorSettings(
                        baseURL: "https://vendor.example/api", connectTimeout: .seconds(4), totalTimeout: .seconds(25)))
        )
        environment["CANCELDESK_STOP_GRACE_SECONDS"] = "2"
        #expect(try ConfigurationLoader(environment: environment, explicitPath: path).load().stopGrace == .seconds(2))
        environment["CANCELDESK_STOP_GRACE_SECONDS"] = "soon"
        #expect(throws: ConfigurationError.self) { try ConfigurationLoader(environment: environment).load() }
    }

    @Test func aConfigurationFileOver1MiBIsRefusedBeforeReading() throws {
        let path = try temporaryFile("{}", mode: 0o600)
        #expect(truncate(path, 10 << 20) == 0)
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader(environment: base, explicitPath: path).load()
        }
        #expect(error?.problems.first?.contains("larger than 1 MiB; refused before reading") == true)
    }

    @Test func aFIFOAsTheConfigurationFileIsRefusedWithoutWaiting() async throws {
        let path = try temporaryFile("{}", mode: 0o600)
        try FileManager.default.removeItem(atPath: path)
        #expect(mkfifo(path, 0o600) == 0)
        // Hold a writer open for at most 3 s so that a reader that opens the FIFO blocks in read() until then.
        let holder = DescriptorHolder(open(path, O_RDWR | O_NONBLOCK))
        let base = self.base
        let (problems, elapsed) = await withTaskGroup(of: ([String], Duration)?.self) { group in
            group.addTask {
                try? await Task.sleep(for: .seconds(3))
                holder.close()
                return nil
            }
            group.addTask {
                defer { holder.close() }
                let started = ContinuousClock.now
                do {
                    _ = try ConfigurationLoader(environment: base, explicitPath: path).load()
                    return ([], ContinuousClock.now - started)
                } catch let error as ConfigurationError {
                    return (error.problems, ContinuousClock.now - started)
                } catch {
                    return (["\(error)"], ContinuousClock.now - started)
                }
            }
            var found: ([String], Duration) = ([], .zero)
            for await result in group { if let result { found = result } }
            return found
        }
        #expect(elapsed < .seconds(5), "the FIFO was opened and read")
        #expect(problems.first?.contains("not a regular file") == true, "\(problems)")
    }
}

/// A file descriptor closed once, by whichever task gets there first.
private final class DescriptorHolder: Sendable {
    private let descriptor: Mutex<Int32>

    init(_ descriptor: Int32) {
        self.descriptor = Mutex(descriptor)
    }

    func close() {
        descriptor.withLock { value in
            if value >= 0 { _ = Glibc.close(value) }
            value = -1
        }
    }
}
