import CancelDeskCore
import ConnectSandbox
import Foundation
import Testing

/// Issue 12, honest scripting: every command's `--json` output against a live sandbox, line by line, checked against
/// the schema docs/json.md documents; the exit statuses scripts rely on; plain `list` as tab-separated text.
@Suite(.serialized) struct JSONScriptingTests {
    static let unknownID = "PR-0000-0000-0000-001"

    /// Checks every stdout line of `run` against the documented schema; returns the line types seen, in order.
    @discardableResult
    static func check(_ run: BinaryRun.Result, _ schema: JSONSchema, _ what: String) -> [String] {
        // JSON escaping is the safety: no raw control, bidi or format character reaches stdout.
        let raw = run.stdout.unicodeScalars.filter { $0 != "\n" && TextSanitizer.isDangerous($0) }
        #expect(raw.isEmpty, "\(what): raw \(raw.map { String($0.value, radix: 16) }) in \(run.stdout)")
        var types: [String] = []
        for line in run.lines {
            let (type, problems) = schema.check(line)
            for problem in problems { Issue.record("\(what): \(problem)") }
            if let type { types.append(type) }
        }
        return types
    }

    @Test func everyCommandsJSONMatchesTheDocumentedSchemaAndTheExitStatusesAreTheDocumentedOnes() async throws {
        let schema = try JSONSchema.load()
        #expect(schema.types.count >= 11, "docs/json.md documents the line types: \(schema.types.keys.sorted())")
        var options = SandboxOptions()
        options.requests = 6
        options.seed = 5
        try await withSandbox(options) { endpoints in
            let workspace = try Workspace(endpoints)
            defer { workspace.remove() }
            let environment = workspace.environment
            func run(_ arguments: [String]) async throws -> BinaryRun.Result {
                try await BinaryRun.detached(arguments, environment: environment)
            }
            var seen: Set<String> = []

            let list = try await run(["list", "--json"])
            #expect(list.status == 0, "\(list.stderr)")
            let listed = Self.check(list, schema, "list")
            #expect(listed.count >= 3 && Set(listed) == ["request"], "\(list.stdout)")
            seen.formUnion(listed)
            let ids = list.events.compactMap { $0["request"] as? String }
            try #require(ids.count >= 3)

            let show = try await run(["show", ids[0], "--json"])
            #expect(show.status == 0, "\(show.stderr)")
            #expect(Self.check(show, schema, "show").first == "detail")
            seen.formUnion(Self.check(show, schema, "show"))

            let approve = try await run(["approve", ids[0], "--json"])
            #expect(approve.status == 0, "\(approve.stdout) \(approve.stderr)")
            #expect(Self.check(approve, schema, "approve") == ["decision", "summary"])
            #expect(approve.events.first?["outcome"] as? String == "approved")
            #expect(approve.summary?["approved"] as? Int == 1)
            seen.formUnion(Self.check(approve, schema, "approve"))

            let reject = try await run([
                "reject", ids[1], "--reason", "Customer \"kept\" it — naïve, after all", "--json",
            ])
            #expect(reject.status == 0, "\(reject.stdout) \(reject.stderr)")
            #expect(Self.check(reject, schema, "reject") == ["decision", "summary"])
            #expect(reject.events.first?["outcome"] as? String == "rejected")

            // Decided already: a distinct status (3), a skipped decision, still a summary last.
            let again = try await run(["approve", ids[0], "--json"])
            #expect(again.status == 3, "\(again.stdout) \(again.stderr)")
            #expect(Self.check(again, schema, "approve again") == ["decision", "summary"])
            #expect(again.events.first?["outcome"] as? String == "skipped")
            let rejectAgain = try await run(["reject", ids[1], "--reason", "again"])
            #expect(rejectAgain.status == 3, "\(rejectAgain.stdout) \(rejectAgain.stderr)")

            let history = try await run(["history", "--json"])
            #expect(history.status == 0, "\(history.stderr)")
            #expect(Set(Self.check(history, schema, "history")) == ["history"])
            // Raw values: the reason as it was given, quotes included (JSON escapes them).
            #expect(history.events.contains { $0["reason"] as? String == "Customer \"kept\" it — naïve, after all" })
            let one = try await run(["history", ids[0], "--json"])
            #expect(one.status == 0)
            #expect(one.events.allSatisfy { $0["request"] as? String == ids[0] } && !one.events.isEmpty)
            let shown = try await run(["show", ids[0], "--json"])
            #expect(Self.check(shown, schema, "show after approve").filter { $0 == "history" }.count >= 2)
            seen.formUnion(Self.check(history, schema, "history"))

            let doctor = try await run(["doctor", "--json"])
            #expect([0, 1].contains(doctor.status), "\(doctor.stdout) \(doctor.stderr)")
            let checks = Self.check(doctor, schema, "doctor")
            #expect(checks.last == "doctor" && checks.dropLast().allSatisfy { $0 == "check" } && checks.count >= 5)
            #expect(doctor.events.last?["exit_status"] as? Int == Int(doctor.status))
            seen.formUnion(checks)

            let auto = try await run(["--auto", "--json", "--limit", "2"])
            #expect([0, 1].contains(auto.status), "\(auto.stderr)")
            let autoTypes = Self.check(auto, schema, "--auto")
            #expect(autoTypes.contains("snapshot") && autoTypes.last == "summary", "\(auto.stdout)")
            seen.formUnion(autoTypes)

            // An unknown request id: 66 for every command, with an error line naming it.
            for arguments in [
                ["show", Self.unknownID], ["approve", Self.unknownID], ["reject", Self.unknownID, "--reason", "x"],
                ["history", Self.unknownID], ["show", "PR-1/../x"], ["approve", "PR-1 2"],
            ] {
                let unknown = try await run(arguments + ["--json"])
                #expect(unknown.status == 66, "\(arguments): \(unknown.stdout) \(unknown.stderr)")
                let types = Self.check(unknown, schema, "\(arguments)")
                #expect(types.contains("error") || types.contains("decision"), "\(arguments): \(unknown.stdout)")
                if arguments[0] == "approve" || arguments[0] == "reject" { #expect(types.last == "summary") }
                let plain = try await run(arguments)
                #expect(plain.status == 66, "\(arguments) without --json: \(plain.stderr)")
                seen.formUnion(types)
            }
            let error = try await run(["show", Self.unknownID, "--json"]).events.first {
                $0["type"] as? String == "error"
            }
            #expect(error?["exit_status"] as? Int == 66)

            // A refused configuration: 78, an error line saying so.
            var broken = environment
            broken["CONNECT_API_KEY"] = "not a key"
            let refused = try await BinaryRun.detached(["list", "--json"], environment: broken)
            #expect(refused.status == 78)
            #expect(Self.check(refused, schema, "refused list") == ["error"])

            #expect(
                seen.isSuperset(of: [
                    "request", "detail", "history", "decision", "summary", "check", "doctor",
                    "error", "snapshot",
                ]), "\(seen.sorted())")
        }
    }

    @Test func plainListIsTabSeparatedWithAHeader() async throws {
        var options = SandboxOptions()
        options.requests = 4
        options.seed = 9
        try await withSandbox(options) { endpoints in
            let workspace = try Workspace(endpoints)
            defer { workspace.remove() }
            let list = try await BinaryRun.detached(["list"], environment: workspace.environment)
            #expect(list.status == 0, "\(list.stderr)")
            let rows = list.lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
            try #require(rows.count >= 2, "\(list.stdout)")
            #expect(
                rows[0] == [
                    "id", "age", "product", "environment", "marketplace", "subscription", "customer",
                    "assignee",
                ])
            #expect(rows.allSatisfy { $0.count == 8 }, "\(list.stdout)")
            #expect(rows.dropFirst().allSatisfy { $0[0].hasPrefix("PR-") })
        }
    }

    @Test func aProfileIsNamedOnEveryLineAndKeepsItsOwnJournal() async throws {
        let schema = try JSONSchema.load()
        var options = SandboxOptions()
        options.requests = 4
        options.seed = 7
        try await withSandbox(options) { endpoints in
            let profiles: [String: Any] = [
                "blue": ["connect": ["url": endpoints.connectURL]], "green": ["auto": ["concurrency": 2]],
            ]
            let workspace = try Workspace(endpoints, extra: ["profiles": profiles])
            defer { workspace.remove() }
            let environment = workspace.environment
            let list = try await BinaryRun.detached(["list", "--json", "--profile", "blue"], environment: environment)
            #expect(list.status == 0, "\(list.stderr)")
            Self.check(list, schema, "list --profile")
            #expect(!list.events.isEmpty && list.events.allSatisfy { $0["profile"] as? String == "blue" })
            let id = try #require(list.events.first?["request"] as? String)

            var blue = environment
            blue["CANCELDESK_PROFILE"] = "blue"
            let approve = try await BinaryRun.detached(["approve", id, "--json"], environment: blue)
            #expect(approve.status == 0, "\(approve.stdout) \(approve.stderr)")
            Self.check(approve, schema, "approve with CANCELDESK_PROFILE")
            #expect(approve.events.count == 2 && approve.events.allSatisfy { $0["profile"] as? String == "blue" })
            #expect(approve.lines.last?.hasPrefix(#"{"event":"summary","#) == true)

            // The profile's journal is its own: journal-blue.sqlite beside the top level's journal.sqlite.
            #expect(
                FileManager.default.fileExists(
                    atPath: workspace.directory.appendingPathComponent(
                        "journal-blue.sqlite"
                    ).path))
            let mine = try await BinaryRun.detached(
                ["history", id, "--json", "--profile", "blue"], environment: environment)
            #expect(mine.status == 0, "\(mine.stderr)")
            #expect(!mine.events.isEmpty && mine.events.allSatisfy { $0["profile"] as? String == "blue" })
            let top = try await BinaryRun.detached(["history", id, "--json"], environment: environment)
            #expect(top.status == 66, "the top level's journal knows nothing of it: \(top.stdout)")
            #expect(top.events.allSatisfy { $0["profile"] == nil })

            let doctor = try await BinaryRun.detached(
                ["doctor", "--json", "--profile", "green"], environment: environment)
            Self.check(doctor, schema, "doctor --profile")
            #expect(doctor.events.allSatisfy { $0["profile"] as? String == "green" } && !doctor.events.isEmpty)

            // An unknown profile: a configuration error (78) naming the known ones.
            let unknown = try await BinaryRun.detached(
                ["list", "--json", "--profile", "purple"], environment: environment)
            #expect(unknown.status == 78)
            #expect(unknown.stderr.contains("purple") && unknown.stderr.contains("blue, green"), "\(unknown.stderr)")
            #expect(Self.check(unknown, schema, "unknown profile") == ["error"])
            var purple = environment
            purple["CANCELDESK_PROFILE"] = "purple"
            #expect(try await BinaryRun.detached(["history"], environment: purple).status == 78)
        }
    }

    @Test func completionScriptsAreGeneratedForEveryShell() async throws {
        for shell in ["bash", "zsh", "fish"] {
            let run = try await BinaryRun.detached(["--generate-completion-script", shell], environment: [:])
            #expect(run.status == 0, "\(shell): \(run.stderr)")
            for command in ["list", "show", "approve", "reject", "history", "doctor", "profile", "json"] {
                #expect(run.stdout.contains(command), "\(shell) completion lacks \(command)")
            }
        }
    }
}
