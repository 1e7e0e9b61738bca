import ArgumentParser
import CancelDeskCore
import ConnectClient
import Foundation
import Journal
import Logging
import VendorClient

/// `canceldesk doctor`: one line per check — configuration, credentials, products, templates, vendor, journal.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor", abstract: "Check configuration, credentials, products, templates, vendor and journal.")

    @OptionGroup var global: GlobalOptions

    /// Text: one `ok`/`FAIL` line per check. `--json`: one `check` line per check, then the `doctor` line.
    /// Exit: 0 all passed, 1 some failed, 78 the configuration is invalid.
    func run() async throws {
        let global = global
        if global.demo {
            let (logger, json, journal) = (AppEnvironment.makeLogger(global.logFormat), global.json, global.journal)
            let status = try await DemoSandbox.with(logger: logger) { configuration in
                let report = DoctorReport(json: json, profile: nil)
                await Self.check(configuration, journalOverride: journal, report: report)
                return report.finish()
            }
            throw status.code
        }
        let report = DoctorReport(json: global.json, profile: global.profileName)
        let configuration: CancelDeskConfiguration
        do {
            configuration = try global.loader.load()
        } catch let error as ConfigurationError {
            let count = "configuration: \(error.problems.count) problem(s)"
            let listed = global.json ? ": " + error.problems.joined(separator: "; ") : ""
            report.add(DoctorCheck(area: .configuration, passed: false, detail: count + listed))
            if !global.json { for problem in error.problems { Console.out("     \(problem)") } }
            throw report.finish(.config).code
        }
        await Self.check(configuration, journalOverride: global.journal, report: report)
        throw report.finish().code
    }

    /// Runs every check and reports each to `report`.
    static func check(_ configuration: CancelDeskConfiguration, journalOverride: String?, report: DoctorReport) async {
        func line(_ area: DoctorCheck.Area, _ passed: Bool, _ text: String) {
            report.add(DoctorCheck(area: area, passed: passed, detail: text))
        }
        let profile = configuration.profile.map { ", profile \($0)" } ?? ""
        line(
            .configuration, true,
            "configuration: \(configuration.source)\(profile) (Connect \(configuration.connectURL), "
                + "key \(configuration.apiKey.redacted))")
        let logger = AppEnvironment.makeLogger()
        let http = AppEnvironment.makeConnectHTTPClient(configuration)
        let vendorHTTP = AppEnvironment.makeVendorHTTPClient(configuration.vendor)
        let client = ConnectClient(
            configuration: AppEnvironment.connectConfiguration(
                configuration, readRetry: RetryPolicy(maxAttempts: 2, deadline: .seconds(10))),
            http: http, logger: logger)
        do {
            let context = try await client.authContext()
            line(.credentials, true, "Connect credentials: account \(context.accountID) \(context.accountName), user \(context.userID) \(context.userName)")
            for product in configuration.engine.scope.products {
                let wanted = configuration.engine.template(forProduct: product) ?? ""
                do {
                    let templates = try await client.templates(productID: product)
                    if let template = templates.first(where: { $0.id == wanted }) {
                        line(.product, template.kind == .fulfillment,
                            "product \(product): approve template \(wanted) \"\(template.name)\" (\(template.kind))")
                    } else {
                        line(.product, false, "product \(product): approve template \(wanted) is not one of its \(templates.count) templates")
                    }
                } catch {
                    line(.product, false, "product \(product): templates could not be read: \(error)")
                }
            }
        } catch {
            line(.credentials, false, "Connect credentials: \(error)")
        }
        // Reachable only when the vendor answered as its contract says (checkReachability decides; a route 404 is not).
        let vendor = VendorClientFactory.make(configuration.vendor, http: vendorHTTP, logger: logger)
        if let problem = await vendor.checkReachability() {
            line(.vendor, false, "vendor \(ConsoleRun.vendorDescription(configuration.vendor)): not reachable: \(problem)")
        } else {
            line(.vendor, true, "vendor \(ConsoleRun.vendorDescription(configuration.vendor)): reachable")
        }
        let path = journalOverride ?? configuration.journalPath
        do {
            let journal = try SQLiteJournal.open(path: path, logger: logger)
            if let problem = try await journal.integrityProblem() {
                line(.journal, false, "journal \(path): integrity check failed: \(problem)")
            } else {
                let unfinished = try await journal.unfinished().count
                line(.journal, true, "journal \(path): healthy, \(unfinished) unfinished request(s)")
            }
        } catch {
            line(.journal, false, "journal \(path): \(error)")
        }
        try? await http.shutdown()
        try? await vendorHTTP.shutdown()
    }
}
