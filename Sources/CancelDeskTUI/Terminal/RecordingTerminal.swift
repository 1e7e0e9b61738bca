import Foundation

/// A terminal for tests: it plays a script of keys (optionally waiting until the screen shows some text),
/// keeps the last frame and counts draws. Nothing is written anywhere.
public final class RecordingTerminal: TerminalDriver, @unchecked Sendable {
    // @unchecked: every mutable property is read and written under `lock`.

    /// One step of the script.
    public enum Step: Sendable {
        /// Deliver this key.
        case key(Key)
        /// Deliver nothing until the screen shows this text.
        case waitFor(String)
        /// Change size, then deliver `Key.resize`.
        case resize(rows: Int, columns: Int)
    }

    private let lock = NSLock()
    private var script: [Step]
    private var rows: Int
    private var columns: Int
    private var frame: Frame?
    private var draws = 0
    private var shutdowns = 0
    private var idleReads = 0
    private var copies: [String] = []
    private var stalledSteps: [String] = []
    /// Idle reads after which a `waitFor` step is given up (recorded in ``stalled``) or, once the script is
    /// over, ``fallbackKey`` is delivered: a broken test fails instead of hanging.
    private let idleLimit: Int
    private let fallbackKey: Key?

    /// - Parameters:
    ///   - fallbackKey: delivered once the script is over and nothing happened for `idleLimit` reads
    ///     (e.g. the quit key).
    public init(rows: Int, columns: Int, script: [Step] = [], idleLimit: Int = 5_000, fallbackKey: Key? = nil) {
        self.rows = rows
        self.columns = columns
        self.script = script
        self.idleLimit = idleLimit
        self.fallbackKey = fallbackKey
    }

    /// Appends keys to the script.
    public func feed(_ keys: [Key]) {
        lock.withLock { script += keys.map { .key($0) } }
    }

    /// Appends steps to the script.
    public func feed(steps: [Step]) {
        lock.withLock { script += steps }
    }

    public var size: (rows: Int, columns: Int) {
        lock.withLock { (rows, columns) }
    }

    public func readKey(timeout: Duration) -> Key? {
        while true {
            let next: Key?? = lock.withLock {
                guard let step = script.first else {
                    idleReads += 1
                    if idleReads > idleLimit, let fallbackKey {
                        idleReads = 0
                        return .some(fallbackKey)
                    }
                    return .some(nil)
                }
                switch step {
                case .key(let key):
                    script.removeFirst()
                    idleReads = 0
                    return .some(key)
                case .resize(let newRows, let newColumns):
                    script.removeFirst()
                    rows = newRows
                    columns = newColumns
                    return .some(.resize)
                case .waitFor(let text):
                    if let frame, Self.lines(frame).contains(where: { $0.contains(text) }) {
                        script.removeFirst()
                        idleReads = 0
                        return nil // step done: look at the next one
                    }
                    idleReads += 1
                    if idleReads > idleLimit {
                        script.removeFirst()
                        stalledSteps.append(text)
                        idleReads = 0
                    }
                    return .some(nil)
                }
            }
            switch next {
            case .none:
                continue
            case .some(let key?):
                return key
            case .some(nil):
                if timeout > .zero { Thread.sleep(forTimeInterval: 0.001) }
                return nil
            }
        }
    }

    public func draw(_ frame: Frame) {
        lock.withLock {
            self.frame = frame
            draws += 1
        }
    }

    public func shutdown() {
        lock.withLock { shutdowns += 1 }
    }

    public func copyToClipboard(_ text: String) {
        lock.withLock { copies.append(text) }
    }

    /// Every text copied to the clipboard, in order.
    public var copied: [String] { lock.withLock { copies } }

    /// The last frame drawn.
    public var lastFrame: Frame? { lock.withLock { frame } }
    /// How many frames were drawn.
    public var drawCount: Int { lock.withLock { draws } }
    /// How many times the terminal was shut down.
    public var shutdownCount: Int { lock.withLock { shutdowns } }
    /// The texts of `waitFor` steps that never appeared.
    public var stalled: [String] { lock.withLock { stalledSteps } }
    /// True when the script has been played to the end.
    public var scriptFinished: Bool { lock.withLock { script.isEmpty } }

    /// The last frame as lines of text (wide characters once, trailing spaces kept).
    public func text() -> [String] {
        lastFrame.map(Self.lines) ?? []
    }

    /// A frame as lines of text: each cell's text in order (a wide character's continuation adds nothing).
    public static func lines(_ frame: Frame) -> [String] {
        (0..<frame.rows).map { row in
            var line = ""
            for column in 0..<frame.columns { line += frame[row, column].text }
            return line
        }
    }
}
