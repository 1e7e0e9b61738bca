import ConnectWire
import Hummingbird

/// The default vendor contract under `/vendor/v1` (README "Configuration", vendor adapter `http`).
struct VendorRoutes: Sendable {
    let vendor: VendorStore
    /// Where applied cancels are kept across runs, when the sandbox has a state path.
    let stateLog: SandboxStateLog?

    func register(on router: Router<BasicRequestContext>) {
        let api = router.group("vendor/v1")
        api.post("subscriptions/:id/cancel") { request, context in
            let id = PercentDecoding.decode(try context.parameters.require("id"))
            guard let key = Responses.header("idempotency-key", in: request), !key.isEmpty else {
                let error = WireVendorError(
                    error: "missing_idempotency_key", message: "The Idempotency-Key header is required."
                )
                return Responses.json(error, status: 400)
            }
            let body: WireVendorCancelBody
            switch try await Responses.decodeBody(WireVendorCancelBody.self, from: request, empty: nil) {
            case .success(let decoded): body = decoded
            case .failure(let error):
                return Responses.json(WireVendorError(error: "invalid_body", message: error.message), status: 400)
            }
            guard body.subscriptionID == id else {
                return Responses.json(
                    WireVendorError(
                        error: "subscription_mismatch",
                        message: "Body subscription_id \(body.subscriptionID) does not match the path"
                    ),
                    status: 400
                )
            }
            let answer = await vendor.cancel(subscriptionID: id, key: key, body: body)
            if answer.status == 200 { stateLog?.append(.init(kind: "vendor_cancel", id: id, key: key, cancel: body)) }
            return Responses.vendor(answer)
        }
        api.get("subscriptions/:id") { _, context in
            Responses.vendor(await vendor.subscription(PercentDecoding.decode(try context.parameters.require("id"))))
        }
    }
}
