import CancelDeskCore

/// Where `--admin HOST:PORT` asks the admin endpoint (`/metrics`, `/healthz`, `/readyz`) to listen.
///
/// Accepted: `HOST:PORT` with an IPv4 address or a host name, `[IPv6]:PORT`, and `:PORT` or `PORT` (host
/// 127.0.0.1). Port 0 lets the system pick one. Parsing only: the admin service itself is started from this value.
struct AdminAddress: Sendable, Equatable, CustomStringConvertible {
    /// The host to bind: an IPv4 address, an IPv6 address (without brackets) or a host name.
    let host: String
    /// The port to bind, 0…65535 (0: any free port).
    let port: Int

    /// The host used by `:PORT`.
    static let defaultHost = "127.0.0.1"

    /// Why a `--admin` value was refused.
    struct Invalid: Error, CustomStringConvertible {
        let description: String
    }

    init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `--admin`'s value; throws ``Invalid`` with a message naming what is wrong.
    init(parsing text: String) throws {
        let shown = TextSanitizer.clean(text, limit: 80)
        func invalid(_ why: String) -> Invalid {
            Invalid(description: "--admin \(shown): \(why); expected HOST:PORT, :PORT or [IPv6]:PORT")
        }
        let host: String
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw invalid("the IPv6 address has no closing ]") }
            host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { throw invalid("no :PORT after the IPv6 address") }
            portText = rest.dropFirst()
            guard !host.isEmpty, host.contains(":"),
                host.unicodeScalars.allSatisfy({ $0.properties.isASCIIHexDigit || $0 == ":" || $0 == "." })
            else { throw invalid("not an IPv6 address inside [ ]") }
        } else {
            let colon = text.lastIndex(of: ":")
            let name = colon.map { String(text[..<$0]) } ?? ""
            portText = colon.map { text[text.index(after: $0)...] } ?? text[...]
            if name.contains(":") { throw invalid("an IPv6 address needs brackets") }
            host = name.isEmpty ? Self.defaultHost : name
            guard Self.isHostName(host) else { throw invalid("not a host name or IPv4 address") }
        }
        guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy({ $0.isASCII && $0.isNumber }),
            let port = Int(portText), (0...65_535).contains(port)
        else { throw invalid("the port must be a number 0…65535") }
        self.init(host: host, port: port)
    }

    /// Letters, digits, `-` and `.` in labels of at most 63 characters, at most 253 in all.
    private static func isHostName(_ host: String) -> Bool {
        guard !host.isEmpty, host.utf8.count <= 253 else { return false }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
        return labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { allowed.contains($0) }
        }
    }

    /// `host:port`, with brackets around an IPv6 host.
    var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
