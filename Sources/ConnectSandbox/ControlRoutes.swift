import ConnectWire
import Hummingbird

/// The unauthenticated test hooks under `/_sandbox`: stats and scripted faults.
struct ControlRoutes: Sendable {
    let store: ConnectStore
    let vendor: VendorStore
    let monitor: SandboxMonitor

    func register(on router: Router<BasicRequestContext>) {
        let control = router.group("_sandbox")
        control.get("stats") { _, _ in Responses.json(await stats()) }
        control.post("faults") { request, _ in
            switch try await Responses.decodeBody(WireFaultScript.self, from: request, empty: nil) {
            case .success(let script):
                await monitor.install(script)
                return Responses.json(script)
            case .failure(let error):
                return Responses.connectError(.validation(error.message))
            }
        }
        control.delete("faults") { _, _ in
            await monitor.clearScript()
            return Responses.json(WireFaultScript(rules: []))
        }
    }

    func stats() async -> WireSandboxStats {
        WireSandboxStats(
            requestsByStatus: await store.requestsByStatus(),
            vendorCancelsApplied: await vendor.cancelsApplied,
            vendorDuplicatesAbsorbed: await vendor.duplicatesAbsorbed,
            vendorAlreadyCancelled: await vendor.alreadyCancelled,
            vendorSubscriptionsCancelledTwice: await vendor.cancelledTwice(),
            vendorCancelCalls: await monitor.vendorCancelCalls,
            approveCalls: await store.approveCalls,
            failCalls: await store.failCalls,
            responses4xx: await monitor.responses4xx,
            responses5xx: await monitor.responses5xx,
            responses429: await monitor.responses429,
            injectedFaults: await monitor.injectedFaults + vendor.transientFaults
        )
    }
}
