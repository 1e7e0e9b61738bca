/// The vendor `Idempotency-Key` for a request: the same on every retry and every machine, unguessable without
/// the installation's salt.
public enum IdempotencyKey {
    /// `cd1-` + the first 32 hex digits of HMAC-SHA256(salt, "<connect host>|<request id>|cancel").
    /// - Parameters:
    ///   - salt: the installation's shared `key_salt` (the same on every operator machine and daemon).
    ///   - connectHost: Connect's host, so that test and production accounts never share keys.
    public static func make(salt: String, connectHost: String, requestID: String) -> String {
        let message = Array("\(connectHost.lowercased())|\(requestID)|cancel".utf8)
        return "cd1-" + String(SHA256.hex(SHA256.hmac(key: Array(salt.utf8), message: message)).prefix(32))
    }
}
