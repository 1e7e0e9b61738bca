public import CancelDeskCore
internal import Foundation
public import Logging

/// ``VendorAPI`` through an executable: canceldesk runs `settings.executable` with
/// `settings.arguments`, without a shell, and writes the order to its stdin as one JSON object, then closes stdin:
///
/// ```
/// {"asset_id":"AS-…","customer_id":"TA-…","idempotency_key":"…","parameters":{"subscription_id":"…",…},
///  "product_id":"PRD-…","reason":"…","request_id":"PR-…","subscription_id":"…"}
/// ```
///
/// - exit 0: cancelled; "already cancelled" when stdout contains `already_cancelled`; the message is stdout, trimmed.
/// - exit 75 (`EX_TEMPFAIL`): transient.
/// - past `settings.timeout`: SIGTERM to its process group, SIGKILL 2 s later, and transient. A cancelled task
///   kills it at once (SIGTERM then SIGKILL) and is transient too.
/// - any other exit, a death by signal: permanent, with stdout and stderr (trimmed) as the message.
/// - an executable that is missing, not executable or not an absolute path: permanent (a configuration error),
///   with a message that says so.
///
/// The command does not inherit canceldesk's environment (which holds the Connect and vendor API keys): it gets
/// only `PATH`, `HOME` and `LANG` (from canceldesk's environment, else `/usr/local/bin:/usr/bin:/bin`, `/` and
/// `C.UTF-8`) and `CANCELDESK_REQUEST_ID`. A command that needs a credential reads it from its own file. It starts in
/// its own process group with default signal handling and no inherited descriptor but stdin, stdout and stderr.
/// stdout and stderr are read concurrently and capped at 64 KiB each (the rest is read and dropped). The working
/// directory is canceldesk's. Background processes the command leaves behind are not waited for (after 2 s its
/// output is no longer read) nor killed, except on a timeout. Every message (stdout, stderr) is redacted with
/// ``SecretRedactor`` before it is returned.
public struct CommandVendorClient: VendorAPI {
    /// The exit status that means "try again later" (`EX_TEMPFAIL` in sysexits.h).
    public static let temporaryFailureStatus: Int32 = 75
    /// The most bytes of stdout, and of stderr, that are kept.
    public static let outputCap = 64 * 1024

    let settings: CommandVendorSettings
    let logger: Logger
    let killGrace: Duration

    public init(settings: CommandVendorSettings, logger: Logger) {
        self.init(settings: settings, logger: logger, killGrace: .seconds(2))
    }

    init(settings: CommandVendorSettings, logger: Logger, killGrace: Duration) {
        self.settings = settings
        self.logger = logger
        self.killGrace = killGrace
    }

    /// What the command reads on stdin.
    struct Input: Encodable {
        var requestID: String
        var subscriptionID: String
        var idempotencyKey: String
        var reason: String
        var assetID: String
        var productID: String
        var customerID: String
        var parameters: [String: String]

        enum CodingKeys: String, CodingKey {
            case reason, parameters
            case requestID = "request_id"
            case subscriptionID = "subscription_id"
            case idempotencyKey = "idempotency_key"
            case assetID = "asset_id"
            case productID = "product_id"
            case customerID = "customer_id"
        }
    }

    /// The stdin bytes for `order` (sorted keys: the same bytes on every retry).
    static func input(for order: VendorCancelOrder) -> Data {
        let asset = order.request.asset
        var parameters: [String: String] = [:]
        for parameter in asset.params where parameters[parameter.id] == nil {
            parameters[parameter.id] = parameter.value
        }
        let input = Input(
            requestID: order.requestID, subscriptionID: order.subscriptionID, idempotencyKey: order.idempotencyKey,
            reason: order.reason, assetID: asset.id, productID: asset.product.id,
            customerID: asset.tiers.customer?.id ?? "", parameters: parameters)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding strings cannot fail.
        return (try? encoder.encode(input)) ?? Data()
    }

    /// The command's whole environment: nothing of canceldesk's but `PATH`, `HOME` and `LANG`.
    static func environment(for order: VendorCancelOrder, parent: [String: String]) -> [String: String] {
        [
            "PATH": parent["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            "HOME": parent["HOME"] ?? "/",
            "LANG": parent["LANG"] ?? "C.UTF-8",
            "CANCELDESK_REQUEST_ID": order.requestID,
        ]
    }

    public func cancel(_ order: VendorCancelOrder) async -> VendorOutcome {
        let started = ContinuousClock.now
        let result = await ChildProcess.run(
            executable: settings.executable, arguments: settings.arguments,
            environment: Self.environment(for: order, parent: ProcessInfo.processInfo.environment),
            input: Self.input(for: order), timeout: settings.timeout, outputCap: Self.outputCap,
            killGrace: killGrace)
        let milliseconds = (ContinuousClock.now - started).wholeMilliseconds
        logger.debug(
            "vendor command",
            metadata: [
                "command": "\((settings.executable as NSString).lastPathComponent)", "ending": "\(result.ending)",
                "ms": "\(milliseconds)",
            ])
        if Task.isCancelled, result.ending == .timedOut {
            return .transient(message: "the vendor command was stopped (call cancelled)", retryAfter: nil)
        }
        return Self.outcome(of: result, timeout: settings.timeout).redacted(key: nil)
    }

    /// The outcome for how the command ended.
    static func outcome(of result: ChildProcessResult, timeout: Duration) -> VendorOutcome {
        let stdout = String(decoding: result.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let stderr = String(decoding: result.stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let output = [stdout, stderr].filter { !$0.isEmpty }.joined(separator: "\n")
        switch result.ending {
        case .exited(0):
            return .cancelled(
                alreadyCancelled: stdout.contains("already_cancelled"),
                message: stdout.isEmpty ? "the vendor command exited 0" : stdout)
        case .exited(temporaryFailureStatus):
            return .transient(
                message: output.isEmpty ? "the vendor command exited 75 (temporary failure)" : output,
                retryAfter: nil)
        case .exited(let status):
            return .permanent(
                message: output.isEmpty ? "the vendor command exited \(status)" : output, answer: "exit \(status)")
        case .signalled(let signal):
            return .permanent(
                message: output.isEmpty ? "the vendor command was killed by signal \(signal)" : output,
                answer: "signal \(signal)")
        case .timedOut:
            return .transient(
                message: "the vendor command timed out after \(DurationText.spoken(timeout)) and was killed",
                retryAfter: nil)
        case .launchFailed(let problem):
            return .permanent(message: "the vendor command cannot run: \(problem)")
        case .statusLost:
            return .transient(message: "the vendor command's exit status was lost", retryAfter: nil)
        }
    }

    /// Checks that the executable exists and may be run (it is not started).
    public func checkReachability() async -> String? {
        guard settings.executable.hasPrefix("/") else {
            return "the vendor command \(settings.executable) is not an absolute path"
        }
        guard FileManager.default.isExecutableFile(atPath: settings.executable) else {
            return "the vendor command \(settings.executable) does not exist or is not executable"
        }
        return nil
    }
}
