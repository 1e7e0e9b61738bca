import CNcursesw
import CancelDeskCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The terminal through ncursesw: the only code in the package that calls curses.
///
/// Create one on the console's own thread and make every call from there (ncurses is not thread-safe; the
/// class is not `Sendable`, so Swift keeps it where it was made). ``readKey(timeout:)`` never blocks longer
/// than its timeout, so the console loop keeps drawing while network calls run elsewhere. ``draw(_:)`` writes
/// only the cells that changed since the previous frame, then one `wnoutrefresh` + `doupdate`; ncurses sends
/// the minimal update. Never `clear()` per frame: after a resize, one `clearok` repaints the screen.
///
/// Input runs in `raw` mode, so Ctrl-C, Ctrl-Z, Ctrl-S and Ctrl-Q arrive as keys (no signals, no flow control);
/// ESC waits 100 ms for the rest of a sequence unless `ESCDELAY` is set in the environment. Colours are the
/// 8 basic ones on the terminal's default background, and none with `noColor` or a non-empty `NO_COLOR`.
/// ``TerminalRestore`` is armed while the screen is up, so the terminal comes back on signals and crashes.
public final class CursesTerminal: TerminalDriver {
    /// The standard screen from `newterm` (kept: the `stdscr` global does not import into Swift 6).
    private let window: UnsafeMutablePointer<WINDOW>
    /// Whether `ColorRole`s have colour pairs (1…n in `ColorRole.allCases` order).
    private let colorsEnabled: Bool
    /// Tty modes from before `newterm`, for ``TerminalRestore``.
    private let shellModes: termios
    /// The last frame drawn, to diff against.
    private var previous: Frame?
    /// Set by a resize: the next frame is written whole, after one `clearok`.
    private var repaintAll = false
    /// Whether the cursor is shown (nil before the first frame).
    private var cursorShown: Bool?
    private var isShutDown = false
    private var lastSize: (rows: Int, columns: Int)

    /// Sets up the screen on standard input and output.
    ///
    /// Sets the locale first (`LC_ALL` from the environment, with `LC_NUMERIC` kept at "C" for the rest of the
    /// process, and `C.UTF-8` for `LC_CTYPE` when the environment names only the C locale), refuses a terminal
    /// that ``TerminalCheck`` rejects, then `newterm`, `raw`, `noecho`, `nonl`, `keypad`, and colours.
    /// - Parameter noColor: `--no-color`: draw with attributes only.
    /// - Throws: ``TerminalRefusal`` when there is no usable terminal; nothing was changed on the screen.
    public convenience init(noColor: Bool) throws {
        var environment: [String: String] = [:]
        for name in ["TERM", "NO_COLOR", "ESCDELAY"] {
            if let value = getenv(name) { environment[name] = String(cString: value) }
        }
        try self.init(noColor: noColor, environment: environment)
    }

    /// ``init(noColor:)`` with the environment given (only `TERM`, `NO_COLOR` and `ESCDELAY` are read).
    init(noColor: Bool, environment: [String: String]) throws {
        setlocale(LC_ALL, "")
        setlocale(LC_NUMERIC, "C")
        if let ctype = setlocale(LC_CTYPE, nil), ["C", "POSIX"].contains(String(cString: ctype)) {
            _ = setlocale(LC_CTYPE, "C.UTF-8")
        }
        if let refusal = TerminalCheck.refusal(
            environment: environment, stdinIsTTY: isatty(STDIN_FILENO) == 1, stdoutIsTTY: isatty(STDOUT_FILENO) == 1)
        {
            throw TerminalRefusal(message: refusal)
        }
        let term = environment["TERM"] ?? ""
        var modes = termios()
        _ = tcgetattr(STDOUT_FILENO, &modes)
        shellModes = modes
        guard newterm(term, cw_stdout(), cw_stdin()) != nil, let window = cw_stdscr() else {
            throw TerminalRefusal(
                message: "canceldesk: could not open the terminal TERM=\(TerminalCheck.printable(term)). "
                    + "Set a known type (for example `TERM=xterm-256color`), or use `canceldesk --auto`.")
        }
        self.window = window
        if environment["ESCDELAY"] == nil { _ = cw_set_escdelay(100) }
        raw()
        noecho()
        nonl()
        _ = keypad(window, true)
        _ = meta(window, true)
        _ = intrflush(window, false)
        _ = leaveok(window, true)
        colorsEnabled = !noColor && (environment["NO_COLOR"] ?? "").isEmpty && Self.startColors()
        lastSize = (Int(cw_lines()), Int(cw_cols()))
        Self.writeRaw(Self.bracketedPasteOn)
        armRestore()
        TerminalRestore.install()
    }

    deinit {
        shutdown()
    }

    // MARK: TerminalDriver

    /// Rows and columns now; ncurses updates them before ``readKey(timeout:)`` returns `.resize`.
    public var size: (rows: Int, columns: Int) {
        guard !isShutDown else { return lastSize }
        lastSize = (max(Int(cw_lines()), 0), max(Int(cw_cols()), 0))
        return lastSize
    }

    /// The next key within `timeout`, or nil. Keys the console does not use (mouse, Insert) are skipped. A run
    /// of resize events comes back as one `.resize`. ESC followed at once by a character is `.alt`.
    public func readKey(timeout: Duration) -> Key? {
        guard !isShutDown else { return nil }
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            let remaining = deadline - clock.now
            wtimeout(window, Self.milliseconds(remaining))
            guard let raw = read() else { return nil }
            if let key = decode(raw) { return key }
            if remaining <= .zero { return nil }
        }
    }

    /// Writes the cells that differ from the previous frame, places or hides the cursor, and updates the
    /// terminal once. Cells outside the current screen are skipped.
    public func draw(_ frame: Frame) {
        guard !isShutDown else { return }
        let rows = min(frame.rows, Int(cw_lines()))
        let columns = min(frame.columns, Int(cw_cols()))
        if repaintAll {
            if previous != nil { _ = clearok(cw_curscr(), true) }
            previous = nil
            repaintAll = false
        }
        if previous?.rows != frame.rows || previous?.columns != frame.columns {
            // Written whole: blank first so nothing of an older, larger layout stays (ncurses still sends only
            // what differs from the terminal's contents).
            werase(window)
            previous = nil
        }
        var wrote = false
        for run in CursesDiff.changes(from: previous, to: frame) where run.row < rows {
            write(run, of: frame, columns: columns)
            wrote = true
        }
        let cursorMoved =
            previous?.cursor?.row != frame.cursor?.row
            || previous?.cursor?.column != frame.cursor?.column || cursorShown == nil
        previous = frame
        guard wrote || cursorMoved else { return }
        placeCursor(frame.cursor, rows: rows, columns: columns)
        wnoutrefresh(window)
        doupdate()
    }

    /// Leaves curses (`endwin`: main screen, cursor shown, shell tty modes) and disarms ``TerminalRestore``.
    /// Later calls, and calls to the other methods, do nothing.
    public func shutdown() {
        guard !isShutDown else { return }
        isShutDown = true
        _ = curs_set(1)
        Self.writeRaw(Self.bracketedPasteOff)
        endwin()
        TerminalRestore.disarm()
    }

    // MARK: Terminfo

    /// Looks `term` up in terminfo without setting up a screen (for ``TerminalCheck``). Call it before a screen
    /// exists: like `setupterm`, it refreshes ncurses' idea of the window size.
    static func terminfo(for term: String) -> TerminalCheck.Terminfo {
        var colors: Int32 = -1
        switch cw_probe_terminfo(term, STDOUT_FILENO, &colors) {
        case 1: return .usable(colors: Int(colors))
        case 0: return .noCursorAddressing
        default: return .missing
        }
    }

    // MARK: Input

    private func read() -> KeyDecoder.Raw? {
        let input = cw_read(window)
        switch input.status {
        case KEY_CODE_YES: return .keyCode(Int32(bitPattern: input.code))
        case OK: return .character(input.code)
        default: return nil
        }
    }

    private func unread(_ raw: KeyDecoder.Raw) {
        switch raw {
        case .keyCode(let code): _ = cw_unread(cw_input(status: KEY_CODE_YES, code: UInt32(bitPattern: code)))
        case .character(let value): _ = cw_unread(cw_input(status: OK, code: value))
        }
    }

    private func decode(_ raw: KeyDecoder.Raw) -> Key? {
        if raw == KeyDecoder.escape {
            wtimeout(window, 0)
            if let next = read() {
                if next == .character(0x5B), let paste = readPaste() { return paste }
                if let alt = KeyDecoder.altKey(for: next) { return alt }
                unread(next)
            }
            return .escape
        }
        if raw == .keyCode(KeyDecoder.Code.resize) {
            drainResizes()
            repaintAll = true
            armRestore()
            return .resize
        }
        return KeyDecoder.key(for: raw)
    }

    // MARK: Bracketed paste

    /// Asks the terminal to mark pastes (`ESC[200~` … `ESC[201~`), so that pasted text is never read as keys.
    static let bracketedPasteOn = Array("\u{1B}[?2004h".utf8)
    static let bracketedPasteOff = Array("\u{1B}[?2004l".utf8)
    /// The most pasted characters kept; the rest of a longer paste is read and dropped.
    static let pasteLimit = 65_536

    /// After `ESC [`: when `200~` follows, reads the pasted text up to `ESC[201~` (or until the terminal goes
    /// quiet for a moment) and returns it as one ``Key/paste(_:)``; otherwise puts back what it read and returns
    /// nil, so the sequence is decoded as before.
    private func readPaste() -> Key? {
        let start: [UInt32] = [0x32, 0x30, 0x30, 0x7E] // "200~"
        var taken: [KeyDecoder.Raw] = []
        wtimeout(window, 20)
        for expected in start {
            guard let next = read() else { break }
            taken.append(next)
            guard next == .character(expected) else { break }
        }
        guard taken.count == start.count, taken.last == .character(0x7E) else {
            for raw in taken.reversed() { unread(raw) }
            return nil
        }
        let end: [UInt32] = [0x1B, 0x5B, 0x32, 0x30, 0x31, 0x7E] // ESC "[201~"
        var text = String.UnicodeScalarView()
        var kept = 0
        var pending: [UInt32] = []
        wtimeout(window, 200)
        while let next = read() {
            guard case .character(let value) = next else { continue } // key codes inside a paste are dropped
            pending.append(value)
            if pending == Array(end.prefix(pending.count)) {
                if pending.count == end.count { break }
                continue
            }
            for scalar in pending {
                if kept < Self.pasteLimit, let unicode = Unicode.Scalar(scalar) {
                    text.append(unicode)
                    kept += 1
                }
            }
            pending.removeAll()
        }
        return .paste(String(text))
    }

    /// Sets the clipboard with OSC 52 (also through tmux, see ``OSC52``); the text is base64, never raw.
    public func copyToClipboard(_ text: String) {
        let inTmux = getenv("TMUX").map { $0.pointee != 0 } ?? false
        Self.writeRaw(OSC52.sequences(text, inTmux: inTmux))
    }

    /// Writes bytes straight to the terminal, after whatever curses has buffered.
    private static func writeRaw(_ bytes: [UInt8]) {
        _ = fflush(cw_stdout())
        bytes.withUnsafeBufferPointer { buffer in
            #if canImport(Glibc)
                _ = Glibc.write(STDOUT_FILENO, buffer.baseAddress, buffer.count)
            #else
                _ = Darwin.write(STDOUT_FILENO, buffer.baseAddress, buffer.count)
            #endif
        }
    }

    /// Swallows resize events already queued behind the one just read, so a drag redraws once.
    private func drainResizes() {
        wtimeout(window, 0)
        while let next = read() {
            if next != .keyCode(KeyDecoder.Code.resize) {
                unread(next)
                return
            }
        }
    }

    private static func milliseconds(_ duration: Duration) -> Int32 {
        Int32(clamping: max(duration.wholeMilliseconds, 0))
    }

    // MARK: Output

    /// Writes one run cell by cell at exact positions, so a glyph the terminal measures differently can never
    /// shift the rest of the row.
    private func write(_ run: CursesDiff.Run, of frame: Frame, columns: Int) {
        var coveredThrough = -1
        for (offset, cell) in run.cells.enumerated() {
            let column = run.column + offset
            guard column < columns else { break }
            if cell.text.isEmpty {
                // The right half of a double-width character: already drawn, unless that character was not.
                if column > coveredThrough { put(.blank, style: cell.style, row: run.row, column: column) }
                continue
            }
            let wide = column + 1 < frame.columns && frame[run.row, column + 1].text.isEmpty
            let glyph = CursesGlyph.make(text: cell.text, columns: min(wide ? 2 : 1, columns - column)) {
                Int(wcwidth(wchar_t(bitPattern: $0)))
            }
            put(glyph, style: cell.style, row: run.row, column: column)
            coveredThrough = column + glyph.width - 1
        }
    }

    private func put(_ glyph: CursesGlyph, style: Style, row: Int, column: Int) {
        let (attributes, pair) = attributes(for: style)
        glyph.scalars.withUnsafeBufferPointer { scalars in
            scalars.withMemoryRebound(to: wchar_t.self) { characters in
                _ = cw_put_cell(
                    window, Int32(row), Int32(column), characters.baseAddress, Int32(characters.count), attributes,
                    pair)
            }
        }
    }

    private func placeCursor(_ cursor: (row: Int, column: Int)?, rows: Int, columns: Int) {
        if let cursor, (0..<rows).contains(cursor.row), (0..<columns).contains(cursor.column) {
            if cursorShown != true {
                _ = curs_set(1)
                _ = leaveok(window, false)
                cursorShown = true
            }
            wmove(window, Int32(cursor.row), Int32(cursor.column))
        } else if cursorShown != false {
            _ = curs_set(0)
            _ = leaveok(window, true)
            cursorShown = false
        }
    }

    private func attributes(for style: Style) -> (attr_t, Int32) {
        var attributes = cw_a_normal()
        if style.bold { attributes |= cw_a_bold() }
        if style.reverse { attributes |= cw_a_reverse() }
        if style.underline { attributes |= cw_a_underline() }
        if style.dim || style.color == .muted { attributes |= cw_a_dim() }
        guard colorsEnabled, let role = style.color, let pair = Self.pair(for: role) else { return (attributes, 0) }
        return (attributes, pair)
    }

    // MARK: Colours

    /// The foreground of each role on the default background; `muted` has no colour (it is dim instead).
    private static func foreground(for role: ColorRole) -> Int16? {
        switch role {
        case .accent: Int16(COLOR_CYAN)
        case .success: Int16(COLOR_GREEN)
        case .warning: Int16(COLOR_YELLOW)
        case .danger: Int16(COLOR_RED)
        case .badge: Int16(COLOR_MAGENTA)
        case .muted: nil
        }
    }

    private static func pair(for role: ColorRole) -> Int32? {
        guard foreground(for: role) != nil, let index = ColorRole.allCases.firstIndex(of: role) else { return nil }
        return Int32(index + 1)
    }

    /// Starts colour with the terminal's default background, one pair per role; false (no colour) when the
    /// terminal has fewer than 8 colours or no default-colour support.
    private static func startColors() -> Bool {
        guard has_colors(), start_color() == OK, cw_colors() >= 8, use_default_colors() == OK else { return false }
        for role in ColorRole.allCases {
            guard let foreground = foreground(for: role), let pair = pair(for: role) else { continue }
            _ = init_pair(Int16(pair), foreground, -1)
        }
        return true
    }

    // MARK: Restore

    /// Hands ``TerminalRestore`` what `endwin` would send for this terminal and size, and the shell's tty modes.
    private func armRestore() {
        var buffer = [CChar](repeating: 0, count: 512)
        let count = Int(cw_restore_sequence(&buffer, Int32(buffer.count)))
        let sequence = Self.bracketedPasteOff + buffer.prefix(count).map { UInt8(bitPattern: $0) }
        TerminalRestore.arm(sequence: sequence, modes: shellModes, fileDescriptor: STDOUT_FILENO)
    }
}
