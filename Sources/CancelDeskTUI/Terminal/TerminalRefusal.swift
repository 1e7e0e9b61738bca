/// The console cannot run on this terminal; `message` says why and what to do instead (`canceldesk --auto`).
public struct TerminalRefusal: Error, Sendable, CustomStringConvertible {
    /// One paragraph for standard error.
    public let message: String

    /// A refusal with the message to print.
    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}
