import ArgumentParser
import CancelDeskCore
import Foundation

/// `canceldesk show ID`: one request in full, with its journal history.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one request in full.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The request id (PR-…).") var id: String

    /// Text: the detail, then the journal. `--json`: a `detail` line, then one `history` line per journal entry.
    /// An id Connect does not know exits ``ExitStatus/noInput``.
    func run() async throws {
        let (id, json, unknown) = (id, global.json, global.failure(.noInput, "\(id): no such request in Connect"))
        try await AppEnvironment.with(global, mode: .cli) { app in
            // Read through the engine, like the console's detail view.
            let engine = app.engine(events: { _ in })
            let request: FulfillmentRequest
            do {
                request = try await engine.request(id: id)
            } catch let error as ServiceError where error.kind == .notFound || error.kind == .refused {
                throw unknown
            }
            let parameter = app.configuration.engine.subscriptionParameter
            let history = try await engine.history(requestID: id)
            if json {
                let encoder = JSONLine(profile: app.profile)
                let detail = RequestJSON.detail(request, subscriptionParameter: parameter)
                try ListCommand.write(encoder.encode(.detail, detail))
                for entry in history { try ListCommand.write(encoder.encode(.history, RequestJSON.history(entry))) }
                return
            }
            if let profile = app.profile { try ListCommand.write("profile      \(profile)") }
            for line in RequestDetail.lines(request, subscriptionParameter: parameter) { try ListCommand.write(line) }
            try ListCommand.write("journal:" + (history.isEmpty ? " nothing recorded" : ""))
            for entry in history { try ListCommand.write("  " + HistoryCommand.line(entry)) }
        }
    }
}

/// The detail text of a request, every network string sanitized.
enum RequestDetail {
    static func lines(_ request: FulfillmentRequest, subscriptionParameter: String) -> [String] {
        func clean(_ text: String) -> String { TextSanitizer.clean(text, limit: 200) }
        let asset = request.asset
        var lines = [
            "request      \(clean(request.id))  \(request.type) \(request.status)  created \(ISO8601DateFormatter().string(from: request.created))",
            "subscription \(clean(asset.id))  \(asset.status)  external \(clean(asset.externalID)) \(clean(asset.externalUID))",
            "vendor id    \(clean(request.parameter(id: subscriptionParameter)?.value ?? "— missing —"))",
            "product      \(clean(asset.product.id))  \(clean(asset.product.name))",
            "connection   \(clean(asset.connection.id))  \(asset.connection.type)  hub \(clean(asset.connection.hub?.name ?? ""))",
            "marketplace  \(clean(request.marketplace?.id ?? ""))  \(clean(request.marketplace?.name ?? ""))",
            "assignee     \(clean(request.assignee.label))",
        ]
        for (label, tier) in [
            ("customer", asset.tiers.customer), ("tier1", asset.tiers.tier1), ("tier2", asset.tiers.tier2),
        ] {
            guard let tier else { continue }
            let contact = tier.contactInfo?.contact
            lines.append(
                "\(label.padding(toLength: 12, withPad: " ", startingAt: 0)) \(clean(tier.id))  \(clean(tier.name))  "
                    + "\(clean([contact?.firstName, contact?.lastName].compactMap { $0 }.joined(separator: " ")))  "
                    + "\(clean(contact?.email ?? ""))  \(clean(contact?.phone ?? ""))")
        }
        for item in asset.items {
            lines.append(
                "item         \(clean(item.id))  \(clean(item.displayName))  quantity \(clean(item.quantity)) \(clean(item.unit))"
            )
        }
        for parameter in asset.params {
            lines.append("param        [\(parameter.phase)] \(clean(parameter.id)) = \(clean(parameter.value))")
        }
        return lines
    }
}
