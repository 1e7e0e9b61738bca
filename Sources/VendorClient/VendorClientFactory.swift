public import AsyncHTTPClient
public import CancelDeskCore
public import Logging

/// Builds the vendor adapter that the configuration asks for.
public enum VendorClientFactory {
    /// The adapter for `settings`. `http` is used by the HTTP adapters only; the caller owns it and shuts it down,
    /// and must have created it with redirects disallowed
    /// (``HTTPVendorClient/makeHTTPClient(connectTimeout:readTimeout:)``). `limiter` bounds the HTTP adapters' calls
    /// in flight (one per run, shared by every worker).
    public static func make(
        _ settings: VendorSettings, http: HTTPClient, logger: Logger, limiter: ConcurrencyLimiter? = nil
    ) -> any VendorAPI {
        switch settings {
        case .http(let settings): HTTPVendorClient(settings: settings, http: http, logger: logger, limiter: limiter)
        case .template(let settings):
            HTTPTemplateVendorClient(settings: settings, http: http, logger: logger, limiter: limiter)
        case .command(let settings): CommandVendorClient(settings: settings, logger: logger)
        }
    }
}
