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

    func run() async throws {
        if global.demo {
            let ok = try await DemoSandbox.with(logger: AppEnvironment.makeLogger(global.logFormat)) { configuration in
                await Self.check(configuration, journalOverride: global.journal)
            }
            if !ok { throw ExitCode(1) }
            return
        }
        let configuration: CancelDeskConfiguration
        do {
            configuration = try ConfigurationLoader(
                environment: ProcessInfo.processInfo.environment, explicitPath: global.config
            ).load()
        } catch let error as ConfigurationError {
            Console.out("FAIL configuration: \(error.problems.count) problem(s)")
            for problem in error.problems { Console.out("     \(problem)") }
            throw ExitCode(78)
        }
        if !(await Self.check(configuration, journalOverride: global.journal)) { throw ExitCode(1) }
    }

    /// Runs every check and prints a line each; true when all pass.
    static func check(_ configuration: CancelDeskConfiguration, journalOverride: String?) async -> Bool {
        var ok = true
        func line(_ passed: Bool, _ text: String) {
            ok = ok && passed
            Console.out((passed ? "ok   " : "FAIL ") + TextSanitizer.clean(text, limit: 300))
        }
        line(true, "configuration: \(configuration.source) (Connect \(configuration.connectURL), key \(configuration.apiKey.redacted))")
        let logger = AppEnvironment.makeLogger()
        let http = AppEnvironment.makeConnectHTTPClient(configuration)
        let vendorHTTP = AppEnvironment.makeVendorHTTPClient(configuration.vendor)
        let client = ConnectClient(
            configuration: AppEnvironment.connectConfiguration(
                configuration, readRetry: RetryPolicy(maxAttempts: 2, deadline: .seconds(10))),
            http: http, logger: logger)
        do {
            let context = try await client.authContext()
            line(true, "Connect credentials: account \(context.accountID) \(context.accountName), user \(context.userID) \(context.userName)")
            for product in configuration.engine.scope.products {
                let wanted = configuration.engine.template(forProduct: product) ?? ""
                do {
                    let templates = try await client.templates(productID: product)
                    if let template = templates.first(where: { $0.id == wanted }) {
                        line(template.kind == .fulfillment,
                            "product \(product): approve template \(wanted) \"\(template.name)\" (\(template.kind))")
                    } else {
                        line(false, "product \(product): approve template \(wanted) is not one of its \(templates.count) templates")
                    }
                } catch {
                    line(false, "product \(product): templates could not be read: \(error)")
                }
            }
        } catch {
            line(false, "Connect credentials: \(error)")
        }
        // Reachable only when the vendor answered as its contract says (checkReachability decides; a route 404 is not).
        let vendor = VendorClientFactory.make(configuration.vendor, http: vendorHTTP, logger: logger)
        if let problem = await vendor.checkReachability() {
            line(false, "vendor \(ConsoleRun.vendorDescription(configuration.vendor)): not reachable: \(problem)")
        } else {
            line(true, "vendor \(ConsoleRun.vendorDescription(configuration.vendor)): reachable")
        }
        let path = journalOverride ?? configuration.journalPath
        do {
            let journal = try SQLiteJournal.open(path: path, logger: logger)
            if let problem = try await journal.integrityProblem() {
                line(false, "journal \(path): integrity check failed: \(problem)")
            } else {
                let unfinished = try await journal.unfinished().count
                line(true, "journal \(path): healthy, \(unfinished) unfinished request(s)")
            }
        } catch {
            line(false, "journal \(path): \(error)")
        }
        try? await http.shutdown()
        try? await vendorHTTP.shutdown()
        return ok
    }
}
