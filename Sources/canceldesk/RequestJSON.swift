import CancelDeskCore
import Foundation

/// A request and a journal entry as JSON objects with raw values (docs/json.md: `detail`, `history`).
enum RequestJSON {
    static func time(_ date: Date?) -> Any {
        date.map { ISO8601DateFormatter().string(from: $0) as Any } ?? NSNull()
    }

    static func reference(_ reference: Reference?) -> Any {
        reference.map { ["id": $0.id, "name": $0.name] as [String: Any] } ?? NSNull()
    }

    /// The fields of a `detail` line: the request in full.
    static func detail(_ request: FulfillmentRequest, subscriptionParameter: String) -> [String: Any] {
        let asset = request.asset
        var tiers: [String: Any] = [:]
        let accounts = [("customer", asset.tiers.customer), ("tier1", asset.tiers.tier1), ("tier2", asset.tiers.tier2)]
        for (label, tier) in accounts {
            tiers[label] = tier.map(account) ?? NSNull()
        }
        let connection: [String: Any] = [
            "id": asset.connection.id, "type": asset.connection.type.wireValue, "hub": reference(asset.connection.hub),
        ]
        let assetObject: [String: Any] = [
            "id": asset.id, "status": asset.status.wireValue, "external_id": asset.externalID,
            "external_uid": asset.externalUID, "product": ["id": asset.product.id, "name": asset.product.name],
            "connection": connection, "tiers": tiers,
            "items": asset.items.map {
                ["id": $0.id, "display_name": $0.displayName, "quantity": $0.quantity, "unit": $0.unit] as [String: Any]
            },
            "params": asset.params.map {
                ["id": $0.id, "phase": $0.phase.wireValue, "value": $0.value] as [String: Any]
            },
        ]
        return [
            "request": request.id, "request_type": request.type.wireValue, "status": request.status.wireValue,
            "created": time(request.created), "updated": time(request.updated),
            "effective_date": time(request.effectiveDate), "note": request.note, "reason": request.reason,
            "assignee": request.assignee.label, "marketplace": reference(request.marketplace ?? asset.marketplace),
            "subscription": request.parameter(id: subscriptionParameter).map { $0.value as Any } ?? NSNull(),
            "asset": assetObject,
        ]
    }

    private static func account(_ tier: TierAccount) -> [String: Any] {
        let contact = tier.contactInfo?.contact
        return [
            "id": tier.id, "name": tier.name,
            "contact": contact.map {
                ["first_name": $0.firstName, "last_name": $0.lastName, "email": $0.email, "phone": $0.phone]
                    as [String: Any]
            } ?? NSNull(),
        ]
    }

    /// The fields of a `history` line: one journal entry.
    static func history(_ entry: JournalEntry) -> [String: Any] {
        // Typed as strings, so that a field changing type is a compile error here, not a line JSON cannot encode.
        let texts: [String: String] = [
            "request": entry.requestID, "state": entry.state.rawValue, "mode": entry.mode.rawValue,
            "os_user": entry.osUser, "host": entry.host, "connect_user": entry.connectUser,
            "subscription": entry.subscriptionID, "idempotency_key": entry.idempotencyKey,
            "vendor_status": entry.vendorStatus?.rawValue ?? "", "vendor_message": entry.vendorMessage,
            "connect_outcome": entry.connectOutcome?.rawValue ?? "", "reason": entry.reason,
            "template": entry.templateID,
            "review_cause": entry.reviewCause?.rawValue ?? "",
        ]
        var fields: [String: Any] = texts
        fields["at"] = time(entry.at)
        return fields
    }
}
