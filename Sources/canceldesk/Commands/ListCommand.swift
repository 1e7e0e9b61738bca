import ArgumentParser
import CancelDeskCore
import Foundation

/// `canceldesk list`: the pending cancel requests in scope, oldest first.
///
/// Text: tab-separated, a header line then one row per request (every field sanitized; a tab inside a value is
/// shown as `\u{9}`). `--json`: one `request` line per request, raw values (docs/json.md).
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List pending cancel requests (tab-separated, or --json).")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "List the requests left for a person (from the journal), with why, instead of the queue.")
    var needsReview = false

    func run() async throws {
        if needsReview { return try await ReviewList.run(global) }
        let json = global.json
        try await AppEnvironment.with(global, mode: .cli) { app in
            let snapshot = try await app.engine(events: { _ in }).snapshot()
            let parameter = app.configuration.engine.subscriptionParameter
            let encoder = JSONLine(profile: app.profile)
            if !json { try Self.write(RequestRow.header) }
            for request in snapshot.requests {
                let row = RequestRow(request, subscriptionParameter: parameter)
                try Self.write(json ? row.json(encoder) : row.line)
            }
            if !json {
                Console.error(
                    "\(snapshot.requests.count) pending cancel request(s)"
                        + (snapshot.skipped.isEmpty ? "" : "; \(snapshot.skipped.count) record(s) left out")
                        + (app.profile.map { " (profile \($0))" } ?? ""))
            }
        }
    }

    /// One line on stdout; a closed stdout ends the command with ``ExitStatus/ioError``.
    static func write(_ line: String) throws {
        guard Console.out(line) else { throw ExitStatus.ioError.code }
    }
}

/// One request as a list row: raw values (for JSON); ``line`` sanitizes each.
struct RequestRow {
    var id: String
    var created: Date
    var customer: String
    var product: String
    var subscription: String?
    var environment: String
    var marketplace: String
    var assignee: String

    init(_ request: FulfillmentRequest, subscriptionParameter: String) {
        id = request.id
        created = request.created
        customer = request.asset.tiers.customer?.name ?? ""
        product = request.asset.product.id
        subscription = request.parameter(id: subscriptionParameter)?.value
        environment = request.asset.connection.type.wireValue
        marketplace = request.marketplace?.id ?? request.asset.marketplace?.id ?? ""
        assignee = request.assignee.label
    }

    /// The column names of ``line``.
    static let header = ["id", "age", "product", "environment", "marketplace", "subscription", "customer", "assignee"]
        .joined(separator: "\t")

    /// Tab-separated, every field sanitized (a tab or line break in a value is shown escaped, never raw).
    var line: String {
        [
            TextSanitizer.clean(id), DurationText.age(of: created, at: Date()), TextSanitizer.clean(product),
            environment,
            TextSanitizer.clean(marketplace, limit: 20), TextSanitizer.clean(subscription ?? "—", limit: 40),
            TextSanitizer.clean(customer, limit: 40), TextSanitizer.clean(assignee, limit: 30),
        ].joined(separator: "\t")
    }

    func json(_ encoder: JSONLine) -> String {
        encoder.encode(
            .request,
            [
                "request": id, "created": ISO8601DateFormatter().string(from: created), "customer": customer,
                "product": product, "subscription": subscription.map { $0 as Any } ?? NSNull(),
                "environment": environment, "marketplace": marketplace, "assignee": assignee,
            ])
    }
}
