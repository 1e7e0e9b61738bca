import CancelDeskCore
import CancelDeskOps
import Foundation
import Logging
import Testing

@testable import canceldesk

/// Issue 13, the parts of the daemon that need no process: JSON log lines, `--admin` values, systemd datagrams.
@Suite struct LifecycleUnitTests {
    // MARK: JSON logs

    static func event(_ message: String, metadata: Logger.Metadata? = nil, level: Logger.Level = .warning) -> LogEvent {
        LogEvent(
            level: level, message: "\(message)", metadata: metadata, source: nil, file: #fileID, function: #function,
            line: #line)
    }

    static func decode(_ line: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
        return try #require(object as? [String: Any], "not a JSON object: \(line)")
    }

    @Test func aJSONLogLineIsOneObjectWithTheFieldsAndStringMetadata() throws {
        let line = JSONLogHandler.line(
            label: "canceldesk",
            event: Self.event("listing failed", metadata: ["attempt": "3", "upstream": "connect"]),
            metadata: ["run": "R-1"])
        #expect(!line.contains("\n"))
        let object = try Self.decode(line)
        #expect(object["level"] as? String == "warning")
        #expect(object["label"] as? String == "canceldesk")
        #expect(object["message"] as? String == "listing failed")
        #expect(object["attempt"] as? String == "3", "metadata values are strings")
        #expect(object["upstream"] as? String == "connect")
        #expect(object["run"] as? String == "R-1")
        let timestamp = try #require(object["ts"] as? String)
        #expect(ISO8601DateFormatter().date(from: timestamp) != nil, "\(timestamp)")
    }

    @Test func aJSONLogLineMasksSecretsAndCarriesNoRawControlCharacters() throws {
        let secret = "Json-Log-Secret-0123456789"
        SecretRedactor.register(secret)
        let line = JSONLogHandler.line(
            label: "canceldesk",
            event: Self.event(
                "answer: \(secret)\n\u{1B}[31mred\u{7}", metadata: ["auth": "Bearer \(secret)", "level": "spoofed"]),
            metadata: ["url": "https://user:\(secret)@example.com/x?token=\(secret)"])
        #expect(!line.contains(secret))
        #expect(!line.contains("Json-Log-Secret"))
        #expect(line.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }, "raw control character")
        let object = try Self.decode(line)
        #expect((object["message"] as? String ?? "").contains(SecretRedactor.mask))
        #expect((object["auth"] as? String ?? "").contains(SecretRedactor.mask))
        #expect(object["level"] as? String == "warning", "metadata cannot overwrite a line's own fields")
        #expect(object["meta_level"] as? String == "spoofed")
    }

    @Test func theJSONLogFormatIsAGlobalOptionDefaultingToText() throws {
        #expect(try GlobalOptions.parse([]).logFormat == .text)
        #expect(try GlobalOptions.parse(["--log-format", "json"]).logFormat == .json)
        #expect(throws: (any Error).self) { try GlobalOptions.parse(["--log-format", "yaml"]) }
    }

    // MARK: --admin

    @Test(arguments: [
        ("127.0.0.1:0", "127.0.0.1", 0), (":9464", "127.0.0.1", 9464), ("[::1]:9464", "::1", 9464),
        ("0.0.0.0:65535", "0.0.0.0", 65_535), ("localhost:8080", "localhost", 8080), ("9464", "127.0.0.1", 9464),
    ])
    func anAdminAddressParses(text: String, host: String, port: Int) throws {
        let address = try AdminAddress(parsing: text)
        #expect(address == AdminAddress(host: host, port: port))
    }

    @Test(arguments: [
        "", "localhost", ":", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:-1", "127.0.0.1:http", "::1:9464", "[::1]",
        "[::1]9464", "[nothost]:80", "bad host:80", "a..b:80", "127.0.0.1:80\u{1B}[2J",
    ])
    func aBadAdminAddressIsRefused(text: String) {
        #expect(throws: AdminAddress.ParseError.self) { try AdminAddress(parsing: text) }
    }

    @Test func adminIsValidatedAndNeedsAuto() throws {
        let parsed = try CancelDeskCommand.parseAsRoot(["--auto", "--admin", ":9464"]) as? CancelDeskCommand
        #expect(try parsed?.adminAddress == AdminAddress(host: "127.0.0.1", port: 9464))
        for arguments in [["--admin", ":9464"], ["--auto", "--admin", "nope"], ["--auto", "--admin", "[::1]:99999"]] {
            #expect(throws: (any Error).self, "\(arguments)") { try CancelDeskCommand.parseAsRoot(arguments) }
            #expect(CancelDeskCommand.exitCode(for: Self.error(arguments)).rawValue == 64, "\(arguments)")
        }
        let message = CancelDeskCommand.message(for: Self.error(["--auto", "--admin", "nope"]))
        #expect(message.contains(#"--admin "nope""#), "\(message)")
        #expect(message.contains("HOST:PORT"), "\(message)")
    }

    static func error(_ arguments: [String]) -> any Error {
        do {
            _ = try CancelDeskCommand.parseAsRoot(arguments)
            return CancellationError()
        } catch {
            return error
        }
    }

    // MARK: systemd

    @Test(arguments: [false, true])
    func theNotifierSendsDatagramsToAPathOrAnAbstractSocket(abstract: Bool) async throws {
        let listener = try DatagramListener(abstract: abstract)
        defer { listener.close() }
        let notifier = try #require(SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.address]))
        #expect(notifier.watchdogInterval == nil)
        #expect(notifier.send(.ready))
        #expect(notifier.send(.status("1 pass(es): approved 2\nand more")))
        #expect(notifier.send(.stopping))
        let messages = await listener.wait(for: .seconds(5)) { $0.count >= 3 }
        #expect(messages == ["READY=1", "STATUS=1 pass(es): approved 2 and more", "STOPPING=1"])
    }

    @Test func theNotifierReadsTheEnvironment() throws {
        #expect(SystemdNotifier(environment: [:]) == nil)
        #expect(SystemdNotifier(environment: ["NOTIFY_SOCKET": ""]) == nil)
        #expect(SystemdNotifier(environment: ["NOTIFY_SOCKET": "relative/path"]) == nil)
        let half = SystemdNotifier(environment: ["NOTIFY_SOCKET": "/run/notify", "WATCHDOG_USEC": "120000000"])
        #expect(half?.watchdogInterval == .seconds(60))
        let other = SystemdNotifier(
            environment: ["NOTIFY_SOCKET": "/run/notify", "WATCHDOG_USEC": "120000000", "WATCHDOG_PID": "1"],
            pid: 4242)
        #expect(other?.socketPath == "/run/notify")
        #expect(other?.watchdogInterval == nil, "the watchdog is another process's")
        // Nobody listening: the send fails quietly.
        let nobody = SystemdNotifier(socketPath: "/tmp/canceldesk-nobody-\(UUID().uuidString.prefix(8))")
        #expect(nobody.send(.ready) == false)
    }
}
