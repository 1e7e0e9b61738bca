import ArgumentParser
import CancelDeskCore
import Foundation

/// `canceldesk list`: the pending cancel requests in scope, oldest first.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List pending cancel requests.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let json = global.json
        try await AppEnvironment.with(global, mode: .cli) { app in
            let snapshot = try await app.engine(events: { _ in }).snapshot()
            let parameter = app.configuration.engine.subscriptionParameter
            for request in snapshot.requests {
                let row = RequestRow(request, subscriptionParameter: parameter)
                guard Console.out(json ? row.json : row.line) else { throw ExitCode(Console.closedOutputExitCode) }
            }
            if !json {
                Console.error("\(snapshot.requests.count) pending cancel request(s)"
                    + (snapshot.skipped.isEmpty ? "" : "; \(snapshot.skipped.count) record(s) left out"))
            }
        }
    }
}

/// One request as a list row, every field sanitized.
struct RequestRow {
    var id: String
    var created: Date
    var customer: String
    var product: String
    var subscription: String
    var environment: String
    var marketplace: String
    var assignee: String

    init(_ request: FulfillmentRequest, subscriptionParameter: String) {
        id = TextSanitizer.clean(request.id)
        created = request.created
        customer = TextSanitizer.clean(request.asset.tiers.customer?.name ?? "", limit: 40)
        product = TextSanitizer.clean(request.asset.product.id)
        subscription = TextSanitizer.clean(request.parameter(id: subscriptionParameter)?.value ?? "—", limit: 40)
        environment = request.asset.connection.type.wireValue
        marketplace = TextSanitizer.clean(request.marketplace?.id ?? request.asset.marketplace?.id ?? "", limit: 20)
        assignee = TextSanitizer.clean(request.assignee.label, limit: 30)
    }

    var line: String {
        let age = DurationText.age(of: created, at: Date())
        return [id, age, product, environment, marketplace, subscription, customer, assignee.isEmpty ? "" : "@" + assignee]
            .joined(separator: "  ")
    }

    var json: String {
        let object: [String: Any] = [
            "event": "request", "request": id, "created": ISO8601DateFormatter().string(from: created),
            "customer": customer, "product": product, "subscription": subscription, "environment": environment,
            "marketplace": marketplace, "assignee": assignee,
        ]
        return JSONLine.encode(object)
    }
}
