import ConnectWire
import Hummingbird

/// Which API a path belongs to.
enum GatewayArea: Sendable, Equatable {
    case connect, vendor, control, other

    init(path: String) {
        func under(_ prefix: String) -> Bool {
            path == prefix || path.hasPrefix(prefix + "/")
        }
        if under("/public/v1") {
            self = .connect
        } else if under("/vendor/v1") {
            self = .vendor
        } else if under("/_sandbox") {
            self = .control
        } else {
            self = .other
        }
    }
}

/// Everything in front of the routes: scripted faults, latency, rate limit, authentication, random faults,
/// error envelopes for thrown errors, and the response counters.
struct GatewayMiddleware<Context: RequestContext>: RouterMiddleware {
    let options: SandboxOptions
    let monitor: SandboxMonitor

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let path = request.uri.path
        let area = GatewayArea(path: path)
        guard area == .connect || area == .vendor else {
            return try await answer(area, request, context, next)
        }
        let response = try await gate(area, path, request, context, next)
        await monitor.count(status: response.status.code)
        return response
    }

    private func gate(
        _ area: GatewayArea, _ path: String, _ request: Request, _ context: Context,
        _ next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let isVendorCancel = area == .vendor && request.method == .post && path.hasSuffix("/cancel")
        if isVendorCancel { await monitor.noteVendorCancelCall() }
        if let rule = await monitor.takeScriptedFault(method: request.method.rawValue, path: path) {
            if rule.afterEffect == true { _ = try await answer(area, request, context, next) }
            if let delay = rule.delayMs, delay > 0 { try await Task.sleep(for: .milliseconds(delay)) }
            return Responses.fault(area, status: rule.status, retryAfter: rule.retryAfter, html: false)
        }
        let latency = area == .connect ? options.latencyMs : options.vendorLatencyMs
        if latency > 0 { try await Task.sleep(for: .milliseconds(latency)) }
        let fault: InjectedFault?
        if area == .connect {
            guard await monitor.admit() else { return Responses.rateLimited() }
            guard request.headers[.authorization] == options.apiKey else {
                return Responses.connectError(.unauthorized)
            }
            fault = await monitor.roll(
                rate: options.errorRate, statuses: [500, 502, 503], allowAfterEffect: request.method == .post
            )
        } else {
            if let key = options.vendorAPIKey, request.headers[.authorization] != "Bearer \(key)" {
                return Responses.json(
                    WireVendorError(error: "unauthorized", message: "A valid bearer token is required."), status: 401
                )
            }
            fault =
                isVendorCancel
                ? await monitor.roll(rate: options.vendorErrorRate, statuses: [503], allowAfterEffect: true) : nil
        }
        if let fault {
            if fault.afterEffect { _ = try await answer(area, request, context, next) }
            return Responses.fault(area, status: fault.status, retryAfter: nil, html: fault.html && area == .connect)
        }
        return try await answer(area, request, context, next)
    }

    /// Runs the route, turning thrown errors into the area's error bodies.
    private func answer(
        _ area: GatewayArea, _ request: Request, _ context: Context,
        _ next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let failure as ConnectFailure {
            return Responses.connectError(failure)
        } catch let error as HTTPError {
            let message = error.body ?? (error.status.code == 404 ? "Not found." : error.status.reasonPhrase)
            if area == .vendor {
                let code = error.status.code == 404 ? "not_found" : "error"
                return Responses.json(WireVendorError(error: code, message: message), status: error.status.code)
            }
            let code = error.status.code == 404 ? "NOT_FOUND" : "SYS_001"
            return Responses.connectError(ConnectFailure(status: error.status.code, code: code, message: message))
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            return Responses.connectError(ConnectFailure(status: 500, code: "SYS_001", message: "Internal error."))
        }
    }
}
