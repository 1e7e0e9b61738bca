import ConnectWire

/// A fault the sandbox decided to inject into one call.
struct InjectedFault: Sendable, Equatable {
    let status: Int
    /// Answer with an HTML error page instead of the JSON envelope (a proxy in the way).
    let html: Bool
    /// Carry the call out, then lose its response.
    let afterEffect: Bool
}

/// Cross-cutting state of the gateway: scripted and random faults, the rate limiter and the response counters.
actor SandboxMonitor {
    private var rules: [(rule: WireFaultRule, remaining: Int)] = []
    private var random: SplitMix64
    private let rate: Double?
    private var tokens: Double
    private var refilled: ContinuousClock.Instant

    private(set) var responses4xx = 0
    private(set) var responses5xx = 0
    private(set) var responses429 = 0
    private(set) var injectedFaults = 0
    private(set) var vendorCancelCalls = 0

    init(seed: UInt64, rateLimit: Double?) {
        random = SplitMix64(seed: seed, stream: 0xFA17)
        rate = rateLimit.flatMap { $0 > 0 ? $0 : nil }
        tokens = max(1, rateLimit ?? 1)
        refilled = ContinuousClock.now
    }

    /// Replaces the scripted faults.
    func install(_ script: WireFaultScript) {
        rules = script.rules.filter { $0.count > 0 }.map { ($0, $0.count) }
    }

    func clearScript() {
        rules = []
    }

    /// The first scripted rule matching the call, consumed once; nil when none matches.
    func takeScriptedFault(method: String, path: String) -> WireFaultRule? {
        for index in rules.indices where rules[index].remaining > 0 {
            let rule = rules[index].rule
            if let wanted = rule.method, wanted.uppercased() != method.uppercased() { continue }
            if let prefix = rule.pathPrefix, !path.hasPrefix(prefix) { continue }
            if let suffix = rule.pathSuffix, !path.hasSuffix(suffix) { continue }
            rules[index].remaining -= 1
            injectedFaults += 1
            return rule
        }
        return nil
    }

    /// Draws whether this call gets a random fault (deterministic for a seed and call order).
    func roll(rate: Double, statuses: [Int], allowAfterEffect: Bool) -> InjectedFault? {
        guard rate > 0, random.chance(rate) else { return nil }
        injectedFaults += 1
        let status = random.pick(statuses)
        let html = random.chance(0.25)
        let after = allowAfterEffect && random.chance(0.5)
        return InjectedFault(status: status, html: html, afterEffect: after)
    }

    /// Token bucket: true when the call is within the rate limit (always true without one).
    func admit() -> Bool {
        guard let rate else { return true }
        let now = ContinuousClock.now
        let elapsed = refilled.duration(to: now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        tokens = min(max(1, rate), tokens + seconds * rate)
        refilled = now
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }

    func count(status: Int) {
        switch status {
        case 429: responses429 += 1
        case 400..<500: responses4xx += 1
        case 500..<600: responses5xx += 1
        default: break
        }
    }

    func noteVendorCancelCall() {
        vendorCancelCalls += 1
    }
}
