/// Where the admin endpoint listens: `--admin HOST:PORT`.
public struct AdminAddress: Sendable, Equatable, CustomStringConvertible {
    /// The host used when `--admin` names only a port: loopback, so metrics are not published by accident.
    public static let defaultHost = "127.0.0.1"

    /// A host name or IP address (IPv6 without brackets).
    public var host: String
    /// 0 picks a free port.
    public var port: Int

    public init(host: String = AdminAddress.defaultHost, port: Int = 0) {
        self.host = host
        self.port = port
    }

    /// Why an `--admin` value is not an address.
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// In words, naming the value.
        public var description: String
    }

    /// Reads `HOST:PORT`, `[IPv6]:PORT`, `:PORT` or `PORT` (the last two on ``defaultHost``); the port is 0 to 65535.
    public init(parsing text: String) throws(ParseError) {
        let value = text.trimmingWhitespace
        let hostPart: Substring
        let portPart: Substring
        if value.hasPrefix("[") {
            guard let close = value.firstIndex(of: "]"), value[value.index(after: close)...].hasPrefix(":") else {
                throw ParseError(description: "--admin \(text.debugDescription) is not HOST:PORT")
            }
            hostPart = value[value.index(after: value.startIndex)..<close]
            portPart = value[value.index(close, offsetBy: 2)...]
        } else if let colon = value.lastIndex(of: ":") {
            hostPart = value[..<colon]
            portPart = value[value.index(after: colon)...]
            guard !hostPart.contains(":") else {
                throw ParseError(description: "--admin \(text.debugDescription): write an IPv6 host as [HOST]:PORT")
            }
        } else {
            hostPart = ""
            portPart = value[...]
        }
        guard Self.isHost(hostPart, bracketed: value.hasPrefix("[")) else {
            throw ParseError(
                description: "--admin \(text.debugDescription): \(hostPart.debugDescription) is not a host")
        }
        let digits = !portPart.isEmpty && portPart.allSatisfy { $0.isASCII && $0.isNumber }
        guard digits, let port = Int(portPart), (0...65535).contains(port) else {
            throw ParseError(
                description: "--admin \(text.debugDescription): expected HOST:PORT (:PORT, [IPv6]:PORT), "
                    + "the port a number from 0 to 65535")
        }
        self.init(host: hostPart.isEmpty ? Self.defaultHost : String(hostPart), port: port)
    }

    /// An IPv6 address between brackets, else a name or IPv4 address: dot-separated labels of letters, digits and
    /// hyphens (empty: the default host).
    private static func isHost(_ host: Substring, bracketed: Bool) -> Bool {
        if bracketed {
            return host.contains(":") && host.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
        }
        if host.isEmpty { return true }
        return host.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            !label.isEmpty && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }

    /// `HOST:PORT`, with brackets around an IPv6 host.
    public var description: String { "\(bracketedHost):\(port)" }

    /// `http://HOST:PORT` for the port actually bound.
    func url(port: Int) -> String { "http://\(bracketedHost):\(port)" }

    private var bracketedHost: String { host.contains(":") ? "[\(host)]" : host }
}

extension String {
    fileprivate var trimmingWhitespace: Substring {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? endIndex
        return self[start..<max(start, end)]
    }
}
