internal import Foundation

/// Reads the configuration file and the environment (which overrides the file) and validates both strictly.
///
/// File: `--config PATH`, else `$CANCELDESK_CONFIG`, else `$XDG_CONFIG_HOME/canceldesk/config.json` (optional).
/// Secrets come from the environment, from `*_file` paths, or from the file itself; a file that holds a secret
/// must not be readable by group or others.
///
/// Profiles: the file's `profiles` object holds named variants (another Connect account or environment); the one
/// chosen by `--profile NAME`, else `$CANCELDESK_PROFILE`, is laid over the top level section by section, key by key.
/// A profile has its own journal by default (`journal-NAME.sqlite` beside the top level's).
public struct ConfigurationLoader: Sendable {
    public var environment: [String: String]
    /// `--config`, when given.
    public var explicitPath: String?
    /// `--profile`, when given (it wins over `$CANCELDESK_PROFILE`).
    public var explicitProfile: String?

    public init(environment: [String: String], explicitPath: String? = nil, profile: String? = nil) {
        self.environment = environment
        self.explicitPath = explicitPath
        self.explicitProfile = profile
    }

    /// The profile asked for: `--profile`, else `$CANCELDESK_PROFILE`; nil for none.
    public var profile: String? {
        if let explicitProfile, !explicitProfile.isEmpty { return explicitProfile }
        return env("CANCELDESK_PROFILE")
    }

    /// The configuration file to read, and whether it must exist.
    public var configPath: (path: String, required: Bool)? {
        if let explicitPath { return (explicitPath, true) }
        if let path = environment["CANCELDESK_CONFIG"], !path.isEmpty { return (path, true) }
        return XDGPaths.configDirectory(environment).map { ($0 + "/config.json", false) }
    }

    /// Loads and validates. Throws ``ConfigurationError`` listing every problem found.
    public func load() throws -> CancelDeskConfiguration {
        var problems: [String] = []
        var file = try document()
        problems += file.structureProblems()
        let profile = self.profile
        var profileJournal: String?
        if let profile {
            let values = try profileValues(profile, in: file)
            profileJournal = ConfigDocument(values: values, path: file.path)
                .string("", "journal", &problems)
            file = file.applying(profile: values)
        }
        let connect = "connect"
        let auto = "auto"

        let connectURL =
            env("CONNECT_API_URL") ?? file.string(connect, "url", &problems)
            ?? CancelDeskConfiguration.defaultConnectURL
        Self.registerSecrets(inURL: connectURL)
        problems += Self.urlProblems(connectURL, key: "connect.url / CONNECT_API_URL")
        let connectTimeouts = CancelDeskConfiguration.Timeouts(
            connect: .seconds(seconds(connect, "connect_timeout_seconds", default: 10, max: 600, file, &problems)),
            total: .seconds(seconds(connect, "timeout_seconds", default: 60, max: 3_600, file, &problems)))

        var apiKey: ConnectAPIKey?
        var refused = false
        let rawKey = try secret(
            env: "CONNECT_API_KEY", fileEnv: "CONNECT_API_KEY_FILE", section: connect, key: "api_key",
            fileKey: "api_key_file", document: file, refused: &refused, &problems)
        if let rawKey {
            apiKey = ConnectAPIKey(rawKey.reveal)
            if let apiKey { SecretRedactor.register(apiKey.secretPart) }
            if apiKey == nil {
                problems.append("CONNECT_API_KEY / connect.api_key: not a valid API key (ApiKey SU-…:…)")
            }
        } else if !refused {
            problems.append("CONNECT_API_KEY / connect.api_key: missing (the Connect API key is required)")
        }

        let products = env("CANCELDESK_PRODUCTS").map(Self.list) ?? file.strings(connect, "products", &problems) ?? []
        if products.isEmpty {
            problems.append(
                "CANCELDESK_PRODUCTS / connect.products: required (canceldesk never serves \"all products\")")
        }
        for product in products where !Self.isIdentifier(product) {
            problems.append(
                "CANCELDESK_PRODUCTS / connect.products: \"\(TextSanitizer.clean(product, limit: 40))\" is not a product id"
            )
        }
        let environmentNames =
            env("CANCELDESK_ENVIRONMENTS").map(Self.list)
            ?? file.strings(connect, "environments", &problems) ?? ConnectionType.known.map(\.wireValue)
        var environments: [ConnectionType] = []
        for name in environmentNames {
            let type = ConnectionType(wireValue: name)
            if case .unknown = type {
                problems.append(
                    "CANCELDESK_ENVIRONMENTS / connect.environments: \"\(TextSanitizer.clean(name, limit: 40))\" is not preview, test or production"
                )
            } else {
                environments.append(type)
            }
        }
        if environmentNames.isEmpty { problems.append("CANCELDESK_ENVIRONMENTS / connect.environments: empty") }
        let marketplaces = file.strings(connect, "marketplaces", &problems) ?? []
        for marketplace in marketplaces where !Self.isIdentifier(marketplace) {
            problems.append(
                "connect.marketplaces: \"\(TextSanitizer.clean(marketplace, limit: 40))\" is not a marketplace id")
        }

        var templates = file.stringMap(connect, "templates", &problems) ?? [:]
        let defaultTemplate = env("CANCELDESK_TEMPLATE_ID") ?? file.string(connect, "default_template", &problems)
        if env("CANCELDESK_TEMPLATE_ID") != nil { templates = [:] }
        for product in products where templates[product] == nil && defaultTemplate == nil {
            problems.append(
                "CANCELDESK_TEMPLATE_ID / connect.templates.\(product): no approve template for this product")
        }
        for (product, template) in templates where !Self.isIdentifier(template) {
            problems.append(
                "connect.templates.\(product): \"\(TextSanitizer.clean(template, limit: 40))\" is not a template id")
        }
        let subscriptionParameter =
            env("CANCELDESK_SUBSCRIPTION_PARAM")
            ?? file.string(connect, "subscription_param", &problems) ?? "subscription_id"

        let vendor = try vendorSettings(document: file, &problems)

        let refusalText = file.string(auto, "on_vendor_refusal", &problems) ?? "review"
        let refusal = EngineSettings.VendorRefusalPolicy(rawValue: refusalText)
        if refusal == nil { problems.append("auto.on_vendor_refusal: \"\(refusalText)\" is not review or reject") }
        let concurrency = file.int(auto, "concurrency", &problems) ?? 8
        if !(1...256).contains(concurrency) { problems.append("auto.concurrency: must be 1…256") }
        let claim = file.bool(auto, "claim_with_assign", &problems) ?? false
        let takeAssigned = file.bool(auto, "take_assigned", &problems) ?? false
        let claimOnOpen = file.bool("console", "claim_on_open", &problems) ?? false
        var assignee: UserReference?
        if let text = env("CANCELDESK_ASSIGNEE") ?? file.string(connect, "assignee", &problems) {
            switch UserReference.parse(text) {
            case .success(let user): assignee = user
            case .failure(let problem): problems.append("CANCELDESK_ASSIGNEE / connect.assignee: \(problem)")
            }
        }
        if claim && assignee == nil {
            problems.append(
                "auto.claim_with_assign: needs connect.assignee (the operator's e-mail or Connect user id UR-…); "
                    + "canceldesk never assigns by the API token's SU- id")
        }
        let keySalt = env("CANCELDESK_KEY_SALT") ?? file.string("", "key_salt", &problems) ?? ""
        SecretRedactor.register(keySalt)
        var stopGrace = seconds(auto, "stop_grace_seconds", default: 30, max: 3_600, file, &problems)
        if let text = env("CANCELDESK_STOP_GRACE_SECONDS") {
            if let value = Int(text), (1...3_600).contains(value) {
                stopGrace = value
            } else {
                problems.append("CANCELDESK_STOP_GRACE_SECONDS: must be a whole number of seconds, 1…3600")
            }
        }

        let journalPath =
            env("CANCELDESK_JOURNAL") ?? profileJournal
            ?? Self.journalPath(file.string("", "journal", &problems) ?? Self.defaultJournalPath(environment), profile)
        if journalPath.isEmpty {
            problems.append(
                "CANCELDESK_JOURNAL / journal: cannot tell where the journal goes (set HOME or CANCELDESK_JOURNAL)")
        }

        guard problems.isEmpty, let apiKey, let vendor, let refusal else { throw ConfigurationError(problems) }
        let engine = EngineSettings(
            scope: QueueScope(products: products, environments: environments, marketplaces: marketplaces),
            templates: templates, defaultTemplate: defaultTemplate, subscriptionParameter: subscriptionParameter,
            onVendorRefusal: refusal, keySalt: keySalt, connectHost: CancelDeskConfiguration.host(of: connectURL),
            claimWithAssign: claim, assignee: assignee, takeAssigned: takeAssigned)
        var configuration = CancelDeskConfiguration(
            connectURL: connectURL, apiKey: apiKey, engine: engine, vendor: vendor, journalPath: journalPath,
            concurrency: concurrency, source: file.path, connectTimeouts: connectTimeouts,
            stopGrace: .seconds(stopGrace), profile: profile)
        configuration.claimOnOpen = claimOnOpen
        return configuration
    }

    /// The configuration file (an empty document when there is none and none is required).
    private func document() throws -> ConfigDocument {
        guard let (path, required) = configPath else { return ConfigDocument(values: [:], path: "environment") }
        if FileManager.default.fileExists(atPath: path) { return try ConfigDocument.read(path: path) }
        if required { throw ConfigurationError(["\(path): no such configuration file"]) }
        return ConfigDocument(values: [:], path: "environment")
    }

    /// The profile's own keys, or a refusal naming the profiles the file knows.
    private func profileValues(_ name: String, in document: ConfigDocument) throws -> [String: ConfigValue] {
        if ConfigDocument.isProfileName(name), let values = document.profile(name) { return values }
        let known = document.profileNames.filter(ConfigDocument.isProfileName)
        let source = document.path == "environment" ? "no configuration file" : document.path
        throw ConfigurationError([
            "profile \"\(name)\" (--profile / CANCELDESK_PROFILE): not in \(source); "
                + (known.isEmpty ? "it defines no profiles" : "known profiles: \(known.joined(separator: ", "))")
        ])
    }

    /// A profile's default journal: `profile` inserted into the file name of `path` (`journal-NAME.sqlite`).
    static func journalPath(_ path: String, _ profile: String?) -> String {
        guard let profile, !path.isEmpty else { return path }
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        let name = path[slash...]
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return path + "-" + profile }
        return String(path[..<dot]) + "-" + profile + String(path[dot...])
    }

    /// A whole number of seconds from `section.key`, within 1…`max`, else `fallback` (and a problem when invalid).
    private func seconds(
        _ section: String, _ key: String, default fallback: Int, max: Int, _ document: ConfigDocument,
        _ problems: inout [String]
    ) -> Int {
        guard let value = document.int(section, key, &problems) else { return fallback }
        guard (1...max).contains(value) else {
            problems.append("\(section).\(key): must be 1…\(max) seconds")
            return fallback
        }
        return value
    }

    /// Registers with ``SecretRedactor`` the user-info password and the query-token values of a configured URL,
    /// so that no message ever prints them (the URL itself may be refused for holding them).
    static func registerSecrets(inURL url: String) {
        guard let components = URLComponents(string: url) else { return }
        if let password = components.password { SecretRedactor.register(password) }
        if let user = components.user, components.password == nil { SecretRedactor.register(user) }
        let tokenNames: Set<String> = [
            "token", "access_token", "refresh_token", "id_token", "api_key", "apikey", "key", "secret",
            "client_secret", "password", "passwd", "sig", "signature", "auth", "session",
        ]
        for item in components.queryItems ?? [] where tokenNames.contains(item.name.lowercased()) {
            if let value = item.value { SecretRedactor.register(value) }
        }
    }

    /// The problem with a secret value that holds a line break or another control character (an HTTP header
    /// injection waiting to happen), naming the setting; nil when the value is clean.
    static func controlCharacterProblem(_ value: String, setting: String) -> String? {
        let bad = value.unicodeScalars.contains {
            $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x2028 || $0.value == 0x2029
        }
        guard bad else { return nil }
        return "\(setting): contains a line break or another control character; refused "
            + "(a secret file may end with one newline, nothing else)"
    }

    /// `journal.sqlite` in ``XDGPaths/stateDirectory(_:)``; empty when there is no state directory.
    public static func defaultJournalPath(_ environment: [String: String]) -> String {
        XDGPaths.stateDirectory(environment).map { $0 + "/journal.sqlite" } ?? ""
    }

    private func env(_ name: String) -> String? {
        guard let value = environment[name], !value.isEmpty else { return nil }
        return value
    }

    private func vendorSettings(document: ConfigDocument, _ problems: inout [String]) throws -> VendorSettings? {
        let section = "vendor"
        let adapter = document.string(section, "adapter", &problems) ?? "http"
        var refused = false
        let apiKey = try secret(
            env: "VENDOR_API_KEY", fileEnv: "VENDOR_API_KEY_FILE", section: section, key: "api_key",
            fileKey: "api_key_file", document: document, refused: &refused, &problems)
        if let apiKey { SecretRedactor.register(apiKey.reveal) }
        let timeout = seconds(section, "timeout_seconds", default: 60, max: 600, document, &problems)
        let connectTimeout = seconds(section, "connect_timeout_seconds", default: 10, max: 600, document, &problems)
        switch adapter {
        case "http":
            guard let url = env("VENDOR_API_URL") ?? document.string(section, "url", &problems) else {
                problems.append("VENDOR_API_URL / vendor.url: missing (the vendor API's base URL)")
                return nil
            }
            Self.registerSecrets(inURL: url)
            problems += Self.urlProblems(url, key: "VENDOR_API_URL / vendor.url")
            return .http(
                HTTPVendorSettings(
                    baseURL: url, apiKey: apiKey, connectTimeout: .seconds(connectTimeout),
                    totalTimeout: .seconds(timeout)))
        case "template":
            guard let url = document.string(section, "url", &problems) else {
                problems.append("vendor.url: missing (the template adapter's URL)")
                return nil
            }
            Self.registerSecrets(inURL: url)
            let method = document.string(section, "method", &problems) ?? "POST"
            let headers = document.stringMap(section, "headers", &problems) ?? [:]
            let body = document.string(section, "body", &problems)
            return .template(
                HTTPTemplateSettings(
                    method: method, url: url, headers: headers, body: body, apiKey: apiKey,
                    connectTimeout: .seconds(connectTimeout), totalTimeout: .seconds(timeout)))
        case "command":
            guard let command = document.strings(section, "command", &problems), let executable = command.first else {
                problems.append("vendor.command: missing (a list: the executable's absolute path, then its arguments)")
                return nil
            }
            if !executable.hasPrefix("/") {
                problems.append("vendor.command: \"\(executable)\" is not an absolute path")
            }
            return .command(
                CommandVendorSettings(
                    executable: executable, arguments: Array(command.dropFirst()), timeout: .seconds(timeout)))
        default:
            problems.append(
                "vendor.adapter: \"\(TextSanitizer.clean(adapter, limit: 40))\" is not http, template or command")
            return nil
        }
    }

    /// A secret from the environment, an environment-named file, a file named in the config, or the config itself.
    ///
    /// A value holding a line break or another control character (beyond one trailing newline of a file) is
    /// refused with a problem naming the setting, and `refused` is set.
    private func secret(
        env name: String, fileEnv: String, section: String, key: String, fileKey: String,
        document: ConfigDocument, refused: inout Bool, _ problems: inout [String]
    ) throws -> Secret? {
        func checked(_ value: String, _ setting: String) -> Secret? {
            // Register first: even a refused value must never be printed.
            SecretRedactor.register(value)
            if let problem = Self.controlCharacterProblem(value, setting: setting) {
                problems.append(problem)
                refused = true
                return nil
            }
            return Secret(value)
        }
        if let value = env(name) { return checked(value, name) }
        let fromEnvironment = env(fileEnv)
        let path = fromEnvironment ?? document.string(section, fileKey, &problems)
        if let path {
            let setting = fromEnvironment != nil ? fileEnv : "\(section).\(fileKey)"
            do {
                try FilePermissions.requirePrivate(path, what: "secret file")
                let data = try BoundedFile.read(path, limit: BoundedFile.secretLimit)
                guard let text = String(data: data, encoding: .utf8) else {
                    problems.append("\(setting): \(path) is not UTF-8 text")
                    refused = true
                    return nil
                }
                // One trailing LF only (a CR before it stays, and is refused): scalars, not Characters ("\r\n" is one).
                var scalars = text.unicodeScalars[...]
                if scalars.last == "\n" { scalars = scalars.dropLast() }
                return checked(String(String.UnicodeScalarView(scalars)), "\(setting) (\(path))")
            } catch let error as ConfigurationError {
                problems += error.problems
                refused = true
                return nil
            } catch {
                problems.append("\(setting): cannot read \(path): \(error)")
                refused = true
                return nil
            }
        }
        if let inline = document.string(section, key, &problems) {
            if document.path != "environment" {
                do {
                    try FilePermissions.requirePrivate(document.path, what: "configuration file holding a secret")
                } catch let error as ConfigurationError {
                    problems += error.problems
                }
            }
            return checked(inline, "\(section).\(key)")
        }
        return nil
    }

    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 64
            && text.unicodeScalars.allSatisfy {
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_")
            }
    }

    /// http(s) only; plain http only for loopback; no user info.
    static func urlProblems(_ url: String, key: String) -> [String] {
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else {
            return ["\(key): \"\(TextSanitizer.clean(url, limit: 80))\" is not an http(s) URL"]
        }
        let host = CancelDeskConfiguration.host(of: url)
        if host.contains("@") { return ["\(key): credentials in the URL are not allowed"] }
        if host.isEmpty { return ["\(key): no host"] }
        if lower.hasPrefix("http://") {
            let name = host.hasPrefix("[") ? String(host.prefix { $0 != "]" }) + "]" : String(host.prefix { $0 != ":" })
            if !(name == "localhost" || name.hasPrefix("127.") || name == "[::1]") {
                return ["\(key): plain http is only allowed for loopback addresses; use https"]
            }
        }
        return []
    }
}

extension ConfigurationLoader {
    /// The journal path alone, for commands that need nothing else (`history`): `$CANCELDESK_JOURNAL`, else the
    /// file's `journal` key when the file can be read, else the default.
    ///
    /// With a profile: its `journal` key, else its default (see ``load()``); an unknown profile throws.
    public func journalPath() throws -> String {
        if let path = environment["CANCELDESK_JOURNAL"], !path.isEmpty { return path }
        let profile = self.profile
        var ignored: [String] = []
        if let (path, _) = configPath, let document = try? ConfigDocument.read(path: path) {
            if let profile {
                let values = try profileValues(profile, in: document)
                let own = ConfigDocument(values: values, path: path)
                if let journal = own.string("", "journal", &ignored) { return journal }
            }
            if let journal = document.string("", "journal", &ignored) { return Self.journalPath(journal, profile) }
        } else if let profile {
            _ = try profileValues(profile, in: ConfigDocument(values: [:], path: "environment"))
        }
        return Self.journalPath(Self.defaultJournalPath(environment), profile)
    }
}
