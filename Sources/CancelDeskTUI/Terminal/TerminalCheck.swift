/// Decides, before any screen is set up, whether this terminal can run the console, and says why not.
///
/// `initscr` exits the process on an unknown `TERM` and "succeeds" on `TERM=dumb` without drawing anything,
/// so the console asks here first and prints the refusal instead.
public enum TerminalCheck {
    /// What terminfo says about a terminal type.
    enum Terminfo: Equatable, Sendable {
        /// No terminfo entry under that name.
        case missing
        /// An entry without cursor addressing (`cup`), such as `dumb`.
        case noCursorAddressing
        /// Usable; `colors` is the terminfo `colors` number, -1 when absent.
        case usable(colors: Int)
    }

    /// A message saying why the console cannot run here, or nil when it can.
    ///
    /// Refuses when standard input or output is not a terminal, `TERM` is unset, empty or `dumb`, or terminfo
    /// has no entry for `TERM` or one without cursor addressing. Every message suggests `canceldesk --auto`.
    /// Looks terminfo up without initializing a screen.
    /// - Parameters:
    ///   - environment: The process environment (only `TERM` is read).
    ///   - stdinIsTTY: `isatty(0)`.
    ///   - stdoutIsTTY: `isatty(1)`.
    /// - Returns: One paragraph for standard error, or nil.
    public static func refusal(environment: [String: String], stdinIsTTY: Bool, stdoutIsTTY: Bool) -> String? {
        refusal(environment: environment, stdinIsTTY: stdinIsTTY, stdoutIsTTY: stdoutIsTTY) { term in
            CursesTerminal.terminfo(for: term)
        }
    }

    /// ``refusal(environment:stdinIsTTY:stdoutIsTTY:)`` with the terminfo lookup given (tests).
    static func refusal(
        environment: [String: String], stdinIsTTY: Bool, stdoutIsTTY: Bool, terminfo: (String) -> Terminfo
    ) -> String? {
        let auto = "For unattended or scripted runs, use `canceldesk --auto` instead."
        guard stdinIsTTY, stdoutIsTTY else {
            let streams =
                switch (stdinIsTTY, stdoutIsTTY) {
                case (false, false): "standard input and standard output are not terminals"
                case (false, _): "standard input is not a terminal"
                default: "standard output is not a terminal"
                }
            return "canceldesk: the console needs an interactive terminal, but \(streams). "
                + "Run it from a terminal or an SSH session with a tty (`ssh -t`). \(auto)"
        }
        guard let term = environment["TERM"], !term.isEmpty else {
            return "canceldesk: TERM is not set, so the console cannot tell how to drive this terminal. "
                + "Set it (for example `export TERM=xterm-256color`). \(auto)"
        }
        let shown = printable(term)
        if term == "dumb" {
            return "canceldesk: TERM=dumb cannot move the cursor, so the console cannot draw. "
                + "Use a full terminal (for example `TERM=xterm-256color`). \(auto)"
        }
        switch terminfo(term) {
        case .missing:
            return "canceldesk: this host's terminfo database has no entry for TERM=\(shown). "
                + "Install it (Debian: the ncurses-term package) or set a known type "
                + "(for example `TERM=xterm-256color`). \(auto)"
        case .noCursorAddressing:
            return "canceldesk: TERM=\(shown) cannot move the cursor (no `cup` in terminfo), so the console "
                + "cannot draw. Use a full terminal (for example `TERM=xterm-256color`). \(auto)"
        case .usable:
            return nil
        }
    }

    /// `TERM` as it may be echoed to a terminal: terminfo-name characters only, at most 64 of them.
    static func printable(_ term: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_+")
        let cleaned = String(term.prefix(64).map { allowed.contains($0) ? $0 : "?" })
        return term.count > 64 ? cleaned + "…" : cleaned
    }
}
