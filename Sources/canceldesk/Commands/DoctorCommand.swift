import ArgumentParser
import CancelDeskCore
import ConnectClient
import Foundation
import Journal
import Logging
import VendorClient

/// `canceldesk doctor`: one line per check — configuration, credentials, the listing query, templates, vendor,
/// journal. Exit 0 when all pass; otherwise the gravest problem's code (``DoctorCheck/exitStatus(_:)``).
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check configuration, credentials, the listing query, templates, vendor and journal.")

    @OptionGroup var global: GlobalOptions

    /// Text: one `ok`/`WARN`/`FAIL` line per check. `--json`: one `check` line per check, then the `doctor` line.
    func run() async throws {
        let global = global
        let report = DoctorReport(json: global.json, profile: global.demo ? nil : global.profileName)
        let checks: [DoctorCheck]
        if global.demo {
            let (logger, journal) = (AppEnvironment.makeLogger(global.logFormat), global.journal)
            checks = try await DemoSandbox.with(logger: logger) { configuration in
                await Self.checks(configuration, journalOverride: journal)
            }
        } else {
            let configuration: CancelDeskConfiguration
            do {
                configuration = try global.loader.load()
            } catch let error as ConfigurationError {
                let count = "configuration: \(error.problems.count) problem(s)"
                let listed = global.json ? ": " + error.problems.joined(separator: "; ") : ""
                report.add(.fail("configuration", count + listed, .configuration))
                if !global.json { for problem in error.problems { Console.out("     \(problem)") } }
                throw report.finish(.config).code
            }
            checks = await Self.checks(configuration, journalOverride: global.journal)
        }
        for check in checks { report.add(check) }
        throw report.finish(DoctorCheck.exitStatus(checks)).code
    }

    /// Runs every check, in order; each problem is its own entry (nothing stops at the first).
    static func checks(_ configuration: CancelDeskConfiguration, journalOverride: String?) async -> [DoctorCheck] {
        var checks: [DoctorCheck] = [
            .ok(
                "configuration",
                "configuration: \(configuration.source)\(configuration.profile.map { ", profile \($0)" } ?? "") "
                    + "(Connect \(configuration.connectURL), key "
                    + "\(configuration.apiKey.redacted))")
        ]
        let logger = AppEnvironment.makeLogger()
        let http = AppEnvironment.makeConnectHTTPClient(configuration)
        let vendorHTTP = AppEnvironment.makeVendorHTTPClient(configuration.vendor)
        let client = ConnectClient(
            configuration: AppEnvironment.connectConfiguration(
                configuration, readRetry: RetryPolicy(maxAttempts: 2, deadline: .seconds(10))),
            http: http, logger: logger)
        checks += await connectChecks(client, configuration.engine)
        // Reachable only when the vendor answered as its contract says (checkReachability decides; a route 404 is not).
        let vendor = VendorClientFactory.make(configuration.vendor, http: vendorHTTP, logger: logger)
        let vendorName = "vendor \(ConsoleRun.vendorDescription(configuration.vendor))"
        if let problem = await vendor.checkReachability() {
            checks.append(.fail("vendor", "\(vendorName): not reachable: \(problem)", .unavailable))
        } else {
            checks.append(.ok("vendor", "\(vendorName): reachable"))
        }
        checks.append(await journalCheck(journalOverride ?? configuration.journalPath, logger: logger))
        try? await http.shutdown()
        try? await vendorHTTP.shutdown()
        return checks
    }

    /// Credentials (`/auth/context`), the listing's own query with `limit=0`, and every product's approve template.
    static func connectChecks(_ client: ConnectClient, _ engine: EngineSettings) async -> [DoctorCheck] {
        var checks: [DoctorCheck] = []
        do {
            let context = try await client.authContext()
            checks.append(
                .ok(
                    "credentials",
                    "Connect credentials: account \(context.accountID) \(context.accountName), user \(context.userID) "
                        + "\(context.userName)"))
        } catch let error as ServiceError where error.kind == .forbidden || error.kind == .notFound {
            // Only the account name comes from here: listing and deciding still work without it.
            checks.append(
                .warning(
                    "credentials",
                    "Connect account context unavailable (\(error)); commands that do not need the account name still "
                        + "run"))
        } catch {
            let problem = DoctorCheck.problem(of: error)
            checks.append(.fail("credentials", "Connect credentials: \(error)", problem))
            // Every other Connect call would fail the same way.
            if problem == .credentials || problem == .unavailable { return checks }
        }
        do {
            let total = try await client.pendingCancelCount(in: engine.scope)
            let count = total.map(String.init) ?? "an unknown number of"
            checks.append(.ok("listing", "listing query: accepted, \(count) pending cancel(s)"))
        } catch {
            let problem = DoctorCheck.problem(of: error)
            let verb = problem == .configuration ? "refused by Connect" : "failed"
            checks.append(.fail("listing", "listing query: \(verb): \(error)", problem))
        }
        for product in engine.scope.products {
            checks += await templateChecks(client, product: product, wanted: engine.template(forProduct: product))
        }
        return checks
    }

    /// The product's approve template must be one of its templates, of type `fulfillment` and scope `asset`;
    /// each way it is not is reported.
    static func templateChecks(_ client: ConnectClient, product: String, wanted: String?) async -> [DoctorCheck] {
        guard let wanted, !wanted.isEmpty else {
            return [.fail("template", "product \(product): no approve template is configured", .configuration)]
        }
        let templates: [Template]
        do {
            templates = try await client.templates(productID: product)
        } catch {
            let problem = DoctorCheck.problem(of: error)
            return [.fail("template", "product \(product): templates could not be read: \(error)", problem)]
        }
        guard let template = templates.first(where: { $0.id == wanted }) else {
            return [
                .fail(
                    "template",
                    "product \(product): approve template \(wanted) is not one of its \(templates.count) "
                        + "templates", .configuration)
            ]
        }
        let named = "product \(product): approve template \(wanted) \"\(template.name)\""
        var checks: [DoctorCheck] = []
        if template.kind != .fulfillment {
            checks.append(.fail("template", "\(named) is of type \(template.kind), not fulfillment", .configuration))
        }
        if template.scope != "asset" {
            let scope = template.scope.isEmpty ? "no" : template.scope
            checks.append(.fail("template", "\(named) has \(scope) scope, not asset", .configuration))
        }
        if checks.isEmpty { checks.append(.ok("template", "\(named) (fulfillment, asset scope)")) }
        return checks
    }

    static func journalCheck(_ path: String, logger: Logger) async -> DoctorCheck {
        do {
            let journal = try SQLiteJournal.open(path: path, logger: logger)
            if let problem = try await journal.integrityProblem() {
                return .fail("journal", "journal \(path): integrity check failed: \(problem)", .other)
            }
            let unfinished = try await journal.unfinished().count
            return .ok("journal", "journal \(path): healthy, \(unfinished) unfinished request(s)")
        } catch {
            return .fail("journal", "journal \(path): \(error)", .other)
        }
    }
}
