import CancelDeskCore
import Foundation
import Testing

/// Issue 12, accounts: several Connect accounts or environments in one configuration file (`profiles`), one chosen
/// by `--profile NAME` or `$CANCELDESK_PROFILE`, each with its own journal by default.
@Suite final class ProfileConfigurationTests {
    private var directories: [URL] = []

    deinit {
        for directory in directories { try? FileManager.default.removeItem(at: directory) }
    }

    let environment = ["CONNECT_API_KEY": "SU-123-456-789:topsecretvalue", "HOME": "/home/ops"]

    static let document = """
        {
          "connect": {"url": "https://api.connect.cloudblue.com/public/v1", "products": ["PRD-1"],
                      "default_template": "TL-1"},
          "vendor": {"url": "https://vendor.example/api"},
          "profiles": {
            "staging": {"connect": {"url": "https://staging.example/public/v1", "products": ["PRD-9"]},
                        "vendor": {"url": "https://vendor-staging.example/api"}},
            "eu": {"connect": {"environments": ["production"]}, "journal": "/var/lib/cd/eu.sqlite"}
          }
        }
        """

    func file(_ text: String = ProfileConfigurationTests.document) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cd-profile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        directories.append(directory)
        let path = directory.appendingPathComponent("config.json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func withoutAProfileTheTopLevelIsUsedAndNoProfileIsNamed() throws {
        let configuration = try ConfigurationLoader(environment: environment, explicitPath: try file()).load()
        #expect(configuration.profile == nil)
        #expect(configuration.connectURL == "https://api.connect.cloudblue.com/public/v1")
        #expect(configuration.engine.scope.products == ["PRD-1"])
        #expect(configuration.journalPath == "/home/ops/.local/state/canceldesk/journal.sqlite")
    }

    @Test func aProfileOverridesKeyByKeyAndGetsItsOwnJournal() throws {
        let loader = ConfigurationLoader(environment: environment, explicitPath: try file(), profile: "staging")
        let configuration = try loader.load()
        #expect(configuration.profile == "staging")
        #expect(configuration.connectURL == "https://staging.example/public/v1")
        #expect(configuration.engine.scope.products == ["PRD-9"])
        #expect(configuration.engine.template(forProduct: "PRD-9") == "TL-1", "inherited from the top level")
        #expect(configuration.engine.connectHost == "staging.example")
        guard case .http(let vendor) = configuration.vendor else { throw CancellationError() }
        #expect(vendor.baseURL == "https://vendor-staging.example/api")
        #expect(configuration.journalPath == "/home/ops/.local/state/canceldesk/journal-staging.sqlite")
    }

    @Test func theProfileComesFromTheEnvironmentAndItsJournalKeyWins() throws {
        var environment = environment
        environment["CANCELDESK_PROFILE"] = "eu"
        let loader = ConfigurationLoader(environment: environment, explicitPath: try file())
        let configuration = try loader.load()
        #expect(configuration.profile == "eu")
        #expect(configuration.engine.scope.environments == [.production])
        #expect(configuration.journalPath == "/var/lib/cd/eu.sqlite")
        #expect(try loader.journalPath() == "/var/lib/cd/eu.sqlite", "history finds the profile's journal")
        // The command line wins over the environment.
        let staging = ConfigurationLoader(environment: environment, explicitPath: try file(), profile: "staging")
        #expect(try staging.load().profile == "staging")
        #expect(try staging.journalPath() == "/home/ops/.local/state/canceldesk/journal-staging.sqlite")
    }

    @Test func aTopLevelJournalIsSplitPerProfile() throws {
        let path = try file(
            Self.document.replacingOccurrences(
                of: "\"vendor\": {\"url\": \"https://vendor.example/api\"}",
                with: "\"journal\": \"/srv/cd/journal.sqlite\", \"vendor\": {\"url\": \"https://vendor.example/api\"}"))
        let configuration = try ConfigurationLoader(environment: environment, explicitPath: path, profile: "staging")
            .load()
        #expect(configuration.journalPath == "/srv/cd/journal-staging.sqlite")
        #expect(
            try ConfigurationLoader(environment: environment, explicitPath: path).load().journalPath
                == "/srv/cd/journal.sqlite")
    }

    @Test func anUnknownProfileIsAConfigurationErrorNamingTheKnownOnes() throws {
        let path = try file()
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader(environment: environment, explicitPath: path, profile: "prod").load()
        }
        let text = error?.problems.joined(separator: "\n") ?? ""
        #expect(text.contains("\"prod\""), "\(text)")
        #expect(text.contains("eu, staging"), "\(text)")
        // Also without a file: the profile cannot be found anywhere.
        #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader(
                environment: environment.merging([
                    "CANCELDESK_PRODUCTS": "PRD-1", "CANCELDESK_TEMPLATE_ID": "TL-1",
                    "VENDOR_API_URL": "https://v.example",
                ]) { $1 },
                profile: "prod"
            ).load()
        }
    }

    @Test func aProfileIsCheckedLikeTheTopLevel() throws {
        let path = try file(Self.document.replacingOccurrences(of: "\"journal\": \"/var", with: "\"jurnal\": \"/var"))
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader(environment: environment, explicitPath: path).load()
        }
        #expect(error?.problems.contains("profiles.eu.jurnal: unknown key") == true, "\(error?.problems ?? [])")
        let badName = try file(Self.document.replacingOccurrences(of: "\"eu\":", with: "\"e u\":"))
        let refused = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader(environment: environment, explicitPath: badName).load()
        }
        #expect(refused?.problems.contains { $0.contains("not a profile name") } == true)
    }
}
