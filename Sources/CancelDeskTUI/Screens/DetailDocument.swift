import CancelDeskCore
import Foundation

/// Everything about one request as labelled lines, every value sanitized: the request, the subscription,
/// product, connection, marketplace, customer and resellers with contacts, items, every parameter by phase,
/// and this request's journal history.
struct DetailDocument {
    struct Line: Equatable {
        var label = ""
        var text = ""
        var heading = false
        /// The sanitizer replaced something in this value.
        var flagged = false
        var style = Style.plain
        /// Starts at the label column and spans the width (no label).
        var wide = false
        /// How far a wrapped line's continuation is indented from where the line starts.
        var hang = 0
    }

    private(set) var lines: [Line] = []

    /// The request in full; `staleError` says why reading it again failed (what is shown is the last read).
    /// `history` nil leaves the journal out (the preview pane).
    init(
        _ request: FulfillmentRequest, history: LoadState<[JournalEntry]>?, context: ConsoleContext, now: Date,
        staleError: String? = nil
    ) {
        if let staleError {
            plain(
                "", "warning: could not read the request again (shown as last read): \(staleError)",
                style: Style(bold: true, color: .warning), wide: true)
        }
        requestSection(request, now: now)
        subscriptionSection(request, context: context)
        partiesSection(request)
        itemsSection(request.asset.items)
        parametersSection(request.asset.params)
        if let history { historySection(history) }
    }

    /// The document until the request has been read in full (or when it could not be): what its list row
    /// shows, why the rest is missing, and the journal history.
    init(
        listed row: RequestRow?, requestID: String, loadError: String?, history: LoadState<[JournalEntry]>?, now: Date
    ) {
        heading("Request")
        field("ID", requestID, always: true, style: Style(bold: true))
        if let loadError {
            plain(
                "", "error: the request could not be read from Connect: \(loadError)",
                style: Style(bold: true, color: .danger), wide: true)
        } else {
            plain("", "reading the request from Connect…", style: Style(dim: true), wide: true)
        }
        if let row {
            heading("As listed")
            plain("Created", TimeText.utc(row.created) + " (\(DurationText.age(of: row.created, at: now)) ago)")
            plain("Customer", row.customer, style: Style(bold: true))
            plain("Product", row.product)
            plain("Vendor sub id", row.subscription.isEmpty ? "MISSING" : row.subscription, style: Style(bold: true))
            plain("Environment", SafeText.clean(row.environment.wireValue))
            plain("Marketplace", row.marketplace)
            plain("Assignee", row.assignee.isEmpty ? "nobody" : row.assignee)
            if row.flagged { plain("", "control or bidi characters were replaced", flagged: true, wide: true) }
        }
        if let history { historySection(history) }
    }

    /// True when any value had something replaced.
    var flagged: Bool { lines.contains { $0.flagged } }

    // MARK: Building

    private mutating func heading(_ title: String) {
        if !lines.isEmpty { lines.append(Line()) }
        lines.append(Line(text: title, heading: true, style: Style(bold: true, underline: true), wide: true))
    }

    /// A labelled value from the network: sanitized, one line per line break; skipped when empty unless
    /// `always`.
    private mutating func field(_ label: String, _ raw: String, always: Bool = false, style: Style = .plain) {
        guard always || !raw.isEmpty else { return }
        let (values, altered) = SafeText.lines(raw)
        for (index, value) in values.enumerated() {
            lines.append(Line(label: index == 0 ? label : "", text: value, flagged: altered, style: style))
        }
    }

    /// A labelled value composed here from already sanitized parts.
    private mutating func plain(
        _ label: String, _ text: String, flagged: Bool = false, style: Style = .plain, wide: Bool = false, hang: Int = 0
    ) {
        lines.append(Line(label: label, text: text, flagged: flagged, style: style, wide: wide, hang: hang))
    }

    private func safe(_ raw: String) -> (String, Bool) {
        let (text, altered) = SafeText.line(raw)
        return (text, altered)
    }

    /// `ID name` from a reference, sanitized.
    private func describe(_ reference: Reference?) -> (String, Bool)? {
        guard let reference else { return nil }
        let (id, a) = safe(reference.id)
        let (name, b) = safe(reference.name)
        return ([id, name].filter { !$0.isEmpty }.joined(separator: "  "), a || b)
    }

    private mutating func reference(_ label: String, _ value: Reference?) {
        guard let (text, flagged) = describe(value), !text.isEmpty else { return }
        plain(label, text, flagged: flagged)
    }

    private mutating func requestSection(_ request: FulfillmentRequest, now: Date) {
        heading("Request")
        field("ID", request.id, always: true, style: Style(bold: true))
        plain("Status", "\(SafeText.clean(request.status.wireValue)) (\(SafeText.clean(request.type.wireValue)))")
        plain("Created", TimeText.utc(request.created) + " (\(DurationText.age(of: request.created, at: now)) ago)")
        if let updated = request.updated { plain("Updated", TimeText.utc(updated)) }
        if let effective = request.effectiveDate { plain("Effective", TimeText.utc(effective)) }
        if let sli = request.sli { plain("SLI", "\(sli.days) day(s), zone \(sli.zone)") }
        let assignee = request.assignee.label
        field("Assignee", assignee.isEmpty ? "nobody" : assignee, always: true)
        field("Note", request.note)
        field("Reason", request.reason)
        if let previous = request.previousApprovedRequest { field("Previous", previous + " (approved before)") }
    }

    private mutating func subscriptionSection(_ request: FulfillmentRequest, context: ConsoleContext) {
        let asset = request.asset
        heading("Subscription")
        let (assetID, flagged) = safe(asset.id)
        plain("Asset", "\(assetID)  (\(SafeText.clean(asset.status.wireValue)))", flagged: flagged)
        field("External id", asset.externalID)
        field("External uid", asset.externalUID)
        let parameter = SafeText.clean(context.subscriptionParameter)
        if let value = request.parameter(id: context.subscriptionParameter)?.value, !value.isEmpty {
            let (text, altered) = safe(value)
            plain("Vendor sub id", "\(text)  (parameter \(parameter))", flagged: altered, style: Style(bold: true))
        } else {
            plain(
                "Vendor sub id", "MISSING: parameter \(parameter) is not set", style: Style(bold: true, color: .danger))
        }
        reference("Contract", request.contract ?? asset.contract)
        let product = asset.product
        let (productID, a) = safe(product.id)
        let (productName, b) = safe(product.name)
        let status = product.status.isEmpty ? "" : "  (\(SafeText.clean(product.status)))"
        plain(
            "Product", [productID, productName].filter { !$0.isEmpty }.joined(separator: "  ") + status, flagged: a || b
        )
        let connection = asset.connection
        let (connectionID, c) = safe(connection.id)
        plain(
            "Connection", "\(connectionID)  \(SafeText.clean(connection.type.wireValue))", flagged: c,
            style: connection.type == .production ? Style(bold: true) : .plain)
        reference("Provider", connection.provider)
        reference("Vendor", connection.vendor)
        reference("Hub", connection.hub)
        reference("Marketplace", request.marketplace ?? asset.marketplace)
    }

    private mutating func partiesSection(_ request: FulfillmentRequest) {
        let tiers = request.asset.tiers
        account("Customer", tiers.customer)
        account("Reseller (tier 1)", tiers.tier1)
        account("Reseller (tier 2)", tiers.tier2)
    }

    private mutating func account(_ title: String, _ account: TierAccount?) {
        guard let account else { return }
        heading(title)
        field("Name", account.name, always: true, style: Style(bold: true))
        field("ID", account.id)
        field("Type", account.type)
        field("External id", account.externalID)
        field("External uid", account.externalUID)
        field("Tax id", account.taxID)
        guard let info = account.contactInfo else { return }
        let cityLine = [info.postalCode, info.city, info.state].filter { !$0.isEmpty }.joined(separator: " ")
        let address = [info.addressLine1, info.addressLine2, cityLine, info.country].filter { !$0.isEmpty }
        for (index, part) in address.enumerated() { field(index == 0 ? "Address" : "", part) }
        if let contact = info.contact {
            field("Contact", [contact.firstName, contact.lastName].filter { !$0.isEmpty }.joined(separator: " "))
            field("E-mail", contact.email)
            field("Phone", contact.phone)
        }
    }

    private mutating func itemsSection(_ items: [Item]) {
        heading("Items (\(items.count))")
        if items.isEmpty { plain("", "none", style: Style(dim: true), wide: true) }
        for item in items {
            var quantity = "qty \(item.quantity.isEmpty ? "?" : item.quantity)"
            if !item.oldQuantity.isEmpty, item.oldQuantity != item.quantity { quantity += " (was \(item.oldQuantity))" }
            let parts = [item.mpn, quantity, item.unit, item.period, item.itemType, item.displayName]
            let raw = parts.filter { !$0.isEmpty }.joined(separator: "  ")
            let (id, a) = safe(item.id)
            let (text, b) = safe(raw)
            plain("", "\(id)  \(text)", flagged: a || b, wide: true, hang: 2)
        }
    }

    private mutating func parametersSection(_ params: [Parameter]) {
        let phases: [(String, (ParameterPhase) -> Bool)] = [
            ("ordering", { $0 == .ordering }), ("fulfillment", { $0 == .fulfillment }),
            ("configuration", { $0 == .configuration }),
            ("other", { if case .unknown = $0 { true } else { false } }),
        ]
        for (name, belongs) in phases {
            let group = params.filter { belongs($0.phase) }
            guard !group.isEmpty else { continue }
            heading("Parameters: \(name) (\(group.count))")
            for parameter in group {
                let title = parameter.title.isEmpty ? parameter.name : parameter.title
                let label = title.isEmpty || title == parameter.id ? parameter.id : "\(title) [\(parameter.id)]"
                let value = parameter.value.isEmpty ? structured(parameter.structuredValue) : parameter.value
                let (labelText, altered) = safe(label)
                lines.append(Line(text: labelText, flagged: altered, style: Style(bold: true), wide: true))
                if value.isEmpty {
                    plain("", "(empty)", style: Style(dim: true))
                } else {
                    let (values, changed) = SafeText.lines(value)
                    for text in values { plain("", text, flagged: changed) }
                }
                if !parameter.valueError.isEmpty {
                    field("", "error: " + parameter.valueError, style: Style(color: .danger))
                }
            }
        }
    }

    private func structured(_ value: StructuredValue?) -> String {
        switch value {
        case nil, .null?: return ""
        case .bool(let flag)?: return flag ? "true" : "false"
        case .number(let number)?:
            return number == number.rounded() && abs(number) < 1e15
                ? String(Int(number)) : String(number)
        case .string(let text)?: return text
        case .array(let values)?: return "[" + values.map { structured($0) }.joined(separator: ", ") + "]"
        case .object(let fields)?:
            return "{" + fields.keys.sorted().map { "\($0): \(structured(fields[$0]))" }.joined(separator: ", ") + "}"
        }
    }

    private mutating func historySection(_ history: LoadState<[JournalEntry]>) {
        heading("Journal history")
        switch history {
        case .idle, .loading:
            plain("", "loading…", style: Style(dim: true), wide: true)
        case .failed(let message):
            plain("", "error: the journal could not be read: \(message)", style: Style(color: .danger), wide: true)
        case .loaded(let entries):
            if entries.isEmpty { plain("", "nothing recorded for this request", style: Style(dim: true), wide: true) }
            for entry in entries {
                let (text, altered) = JournalText.summary(entry, includeRequest: false)
                plain("", TimeText.utc(entry.at, seconds: true) + "  " + text, flagged: altered, wide: true, hang: 25)
            }
        }
    }
}
