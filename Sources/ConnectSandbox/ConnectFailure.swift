/// A Connect API error answer: status and the `{"error_code", "errors"}` envelope.
struct ConnectFailure: Error, Sendable, Equatable {
    let status: Int
    let code: String
    let message: String

    static func notFound(_ what: String, _ id: String) -> ConnectFailure {
        ConnectFailure(status: 404, code: "REQ_404", message: "\(what) \(id) not found.")
    }

    static func validation(_ message: String) -> ConnectFailure {
        ConnectFailure(status: 400, code: "VAL_001", message: message)
    }

    static func state(_ code: String, _ message: String) -> ConnectFailure {
        ConnectFailure(status: 400, code: code, message: message)
    }

    static let unauthorized = ConnectFailure(status: 401, code: "AUTH_001", message: "API request is unauthorized.")
}
