import Testing

@testable import CancelDeskTUI

/// Serialized: the terminfo probe uses ncurses' global current terminal.
@Suite("TerminalCheck: refuse clearly where the console cannot run", .serialized)
struct CursesTerminalCheckTests {
    private let goodTerm = ["TERM": "xterm-256color"]

    @Test("no tty on either side: refused, suggesting --auto")
    func noTTY() throws {
        let both = try #require(TerminalCheck.refusal(environment: goodTerm, stdinIsTTY: false, stdoutIsTTY: false))
        #expect(both.contains("standard input and standard output are not terminals"))
        #expect(both.contains("canceldesk --auto"))
        let input = try #require(TerminalCheck.refusal(environment: goodTerm, stdinIsTTY: false, stdoutIsTTY: true))
        #expect(input.contains("standard input is not a terminal"))
        let output = try #require(TerminalCheck.refusal(environment: goodTerm, stdinIsTTY: true, stdoutIsTTY: false))
        #expect(output.contains("standard output is not a terminal") && output.contains("--auto"))
    }

    @Test("TERM unset or empty: refused")
    func noTerm() throws {
        for environment in [[:], ["TERM": ""]] {
            let message = try #require(
                TerminalCheck.refusal(environment: environment, stdinIsTTY: true, stdoutIsTTY: true))
            #expect(message.contains("TERM is not set") && message.contains("canceldesk --auto"))
        }
    }

    @Test("TERM=dumb: refused")
    func dumb() throws {
        let message = try #require(
            TerminalCheck.refusal(environment: ["TERM": "dumb"], stdinIsTTY: true, stdoutIsTTY: true))
        #expect(message.contains("TERM=dumb") && message.contains("canceldesk --auto"))
    }

    @Test("TERM unknown to terminfo: refused, naming the package that adds entries")
    func unknown() throws {
        let message = try #require(
            TerminalCheck.refusal(environment: ["TERM": "xterm-unknownzz"], stdinIsTTY: true, stdoutIsTTY: true))
        #expect(message.contains("no entry for TERM=xterm-unknownzz"))
        #expect(message.contains("ncurses-term") && message.contains("canceldesk --auto"))
    }

    @Test("a terminal without cursor addressing: refused")
    func noCup() throws {
        let message = try #require(
            TerminalCheck.refusal(environment: ["TERM": "glass"], stdinIsTTY: true, stdoutIsTTY: true) { _ in
                .noCursorAddressing
            })
        #expect(message.contains("TERM=glass cannot move the cursor") && message.contains("--auto"))
    }

    @Test("known terminals pass", arguments: ["xterm-256color", "xterm", "screen", "tmux-256color", "linux", "vt100"])
    func known(term: String) {
        #expect(TerminalCheck.refusal(environment: ["TERM": term], stdinIsTTY: true, stdoutIsTTY: true) == nil)
    }

    @Test("a hostile TERM is not echoed raw")
    func hostileTerm() throws {
        let term = "x\u{1B}]0;pwn\u{07}\r" + String(repeating: "a", count: 100)
        let message = try #require(
            TerminalCheck.refusal(environment: ["TERM": term], stdinIsTTY: true, stdoutIsTTY: true) { _ in .missing })
        #expect(!message.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
        #expect(message.contains("TERM=x??0?pwn??aaa") && message.contains("…"))
    }

    @Test("the terminfo probe reads entries without a screen")
    func probe() {
        #expect(CursesTerminal.terminfo(for: "xterm-256color") == .usable(colors: 256))
        #expect(CursesTerminal.terminfo(for: "xterm") == .usable(colors: 8))
        #expect(CursesTerminal.terminfo(for: "vt100") == .usable(colors: -1))
        #expect(CursesTerminal.terminfo(for: "dumb") == .noCursorAddressing)
        #expect(CursesTerminal.terminfo(for: "xterm-unknownzz") == .missing)
        #expect(CursesTerminal.terminfo(for: "../../etc/passwd") == .missing)
    }
}
