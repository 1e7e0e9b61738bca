import ArgumentParser
import CancelDeskCore
import Foundation
import Testing

@testable import canceldesk

/// The executable's status (Swift Testing has an `ExitStatus` of its own).
private typealias ExitStatus = canceldesk.ExitStatus

/// Issue 12 and issue 10: exit statuses decided in the executable, JSON lines that are raw yet terminal-safe, and a
/// man page that names every command and option.
@Suite struct ScriptingUnitTests {
    @Test func exitStatusesAreTheDocumentedNumbers() {
        let numbers = Dictionary(uniqueKeysWithValues: ExitStatus.allCases.map { ($0, $0.rawValue) })
        #expect(
            numbers == [
                .ok: 0, .needsAttention: 1, .alreadyDecided: 3, .usage: 64, .noInput: 66, .unavailable: 69,
                .software: 70, .ioError: 74, .noPermission: 77, .config: 78,
            ])
    }

    @Test func aPassMapsToItsStatus() {
        var summary = RunSummary()
        summary.approved = 3
        #expect(ExitStatus(summary: summary) == .ok)
        summary.needsReview = 1
        #expect(ExitStatus(summary: summary) == .needsAttention)
        summary.unavailable = true
        #expect(ExitStatus(summary: summary) == .unavailable)
        summary.configurationFault = "every vendor call was refused alike"
        #expect(ExitStatus(summary: summary) == .config)
        summary.unauthorized = true
        #expect(ExitStatus(summary: summary) == .noPermission)
    }

    @Test func aSingleDecisionIsOkOnlyWhenApplied() {
        func status(_ kind: RequestResult.Kind, _ cause: RequestResult.Cause? = nil) -> ExitStatus {
            ExitStatus(decision: RequestResult(requestID: "PR-1", kind: kind, detail: "", cause: cause))
        }
        #expect(status(.approved) == .ok)
        #expect(status(.rejected) == .ok)
        #expect(status(.skipped, .alreadyDecided) == .alreadyDecided)
        #expect(status(.needsReview, .alreadyDecided) == .alreadyDecided)
        #expect(status(.failed, .notFound(.connect)) == .noInput)
        #expect(status(.skipped) == .needsAttention, "assigned to someone else, held by another process: not applied")
        #expect(status(.needsReview) == .needsAttention)
        #expect(status(.failed, .unavailable(.vendor)) == .unavailable)
        #expect(status(.failed, .unauthorized(.connect)) == .noPermission)
        #expect(status(.failed, .configuration(.vendor)) == .config)
    }

    @Test func aServiceErrorMapsToItsStatus() {
        #expect(ExitStatus(serviceError: ServiceError(service: .connect, kind: .notFound)) == .noInput)
        #expect(ExitStatus(serviceError: ServiceError(service: .connect, kind: .refused)) == .noInput, "not an id")
        #expect(ExitStatus(serviceError: ServiceError(service: .connect, kind: .forbidden)) == .noPermission)
        #expect(ExitStatus(serviceError: ServiceError(service: .connect, kind: .transient)) == .unavailable)
    }

    @Test func aJSONLineIsRawButCannotDriveATerminalAndNamesTheProfile() throws {
        let hostile = "Ana\u{1B}[2J \u{9B}31m \u{202E}evil\u{202C} \u{E0041} ok\t\"quoted\""
        let line = JSONLine(profile: "eu-prod").encode(.request, ["customer": hostile, "nested": ["a": [hostile]]])
        #expect(!line.unicodeScalars.contains { $0 != "\n" && TextSanitizer.isDangerous($0) }, "\(line)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["customer"] as? String == hostile, "the decoded value is the raw one")
        #expect(((object["nested"] as? [String: Any])?["a"] as? [String])?.first == hostile)
        #expect(object["type"] as? String == "request")
        #expect(object["event"] as? String == "request")
        #expect(object["profile"] as? String == "eu-prod")
        #expect(JSONLine().encode(.request, [:]).contains("profile") == false)
    }

    @Test func aSecretIsMaskedInEveryStringOfAJSONLine() throws {
        SecretRedactor.register("Json-Line-Secret-0123456789")
        let line = JSONLine().encode(
            .detail, ["note": "key Json-Line-Secret-0123456789", "deep": [["x": "Json-Line-Secret-0123456789/a"]]])
        #expect(!line.contains("Json-Line-Secret-0123456789"))
        #expect(!line.contains("Json-Line-Secret"))
    }

    @Test func theSummaryLineKeepsDesignsKeyOrderThenTypeAndProfile() {
        let line = JSONLine(profile: "blue").summary(["approved": 1, "rejected": 0, "duration_ms": 5])
        #expect(
            line == #"{"event":"summary","approved":1,"rejected":0,"duration_ms":5,"type":"summary","profile":"blue"}"#)
    }

    // MARK: Man page and completions

    static var manPage: String {
        get throws {
            let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("docs/canceldesk.1").path
            return try String(contentsOfFile: path, encoding: .utf8)
        }
    }

    /// The `--long` options a help text names.
    static func options(_ help: String) -> Set<String> {
        var found: Set<String> = []
        var rest = help[...]
        while let range = rest.range(of: "--") {
            let name = rest[range.lowerBound...].prefix { $0 == "-" || $0.isLetter || $0.isNumber }
            if name.count > 2 { found.insert(String(name)) }
            rest = rest[range.upperBound...]
        }
        return found
    }

    @Test func theManPageNamesEveryCommandAndEveryOption() throws {
        let page = try Self.manPage
        // roff writes a dash in an option as \-.
        let text = page.replacingOccurrences(of: "\\-", with: "-")
        var commands: [any ParsableCommand.Type] = [CancelDeskCommand.self]
        commands += CancelDeskCommand.configuration.subcommands
        for command in commands {
            let name = command.configuration.commandName ?? ""
            if command != CancelDeskCommand.self {
                #expect(text.contains(".SS \(name)") || text.contains(".SS \"\(name)"), "no section for \(name)")
            }
            for option in Self.options(CancelDeskCommand.helpMessage(for: command, columns: 200))
            where !["--help", "--version", "--generate-completion-script"].contains(option) {
                #expect(text.contains(option), "\(name): \(option) is not in docs/canceldesk.1")
            }
        }
        for status in ExitStatus.allCases {
            #expect(text.contains(".B \(status.rawValue)\n"), "exit \(status) is not in docs/canceldesk.1")
        }
        #expect(text.contains("--generate-completion-script"))
    }
}
