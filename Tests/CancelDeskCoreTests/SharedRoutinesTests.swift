import Testing

@testable import CancelDeskCore

/// The one duration helper, XDG resolver and refusal label: what every module that used its own copy relies on.
@Suite struct SharedRoutinesTests {
    @Test func durationsInNumbersAndWords() {
        #expect(Duration.milliseconds(1_500).wholeMilliseconds == 1_500)
        #expect(Duration.seconds(2).wholeNanoseconds == 2_000_000_000)
        #expect(Duration.seconds(Int64.max).wholeNanoseconds == .max)
        #expect(Duration.seconds(Int64.min).wholeNanoseconds == .min)
        #expect(Duration.milliseconds(250).inSeconds == 0.25)
        #expect(DurationText.spoken(.seconds(30)) == "30 s")
        #expect(DurationText.spoken(.milliseconds(1_500)) == "1.5 s")
        #expect(DurationText.age(-5) == "0s")
        #expect(DurationText.age(59) == "59s")
        #expect(DurationText.age(47 * 3_600 + 3_599) == "47h")
        #expect(DurationText.age(48 * 3_600) == "2d")
    }

    @Test(
        arguments: [
            (
                ["XDG_CONFIG_HOME": "/xdg", "XDG_STATE_HOME": "/st", "HOME": "/home/op"], "/xdg/canceldesk",
                "/st/canceldesk"
            ),
            (["XDG_CONFIG_HOME": "/xdg/", "HOME": "/home/op/"], "/xdg/canceldesk", "/home/op/.local/state/canceldesk"),
            (
                ["XDG_CONFIG_HOME": "relative", "XDG_STATE_HOME": "state", "HOME": "/home/op"],
                "/home/op/.config/canceldesk", "/home/op/.local/state/canceldesk"
            ),
            (
                ["XDG_CONFIG_HOME": "", "HOME": "/home/op"], "/home/op/.config/canceldesk",
                "/home/op/.local/state/canceldesk"
            ),
            (["XDG_STATE_HOME": "/"], nil, "/canceldesk"),
            ([:], nil, nil),
        ] as [([String: String], String?, String?)])
    func xdgDirectories(environment: [String: String], config: String?, state: String?) {
        #expect(XDGPaths.configDirectory(environment) == config)
        #expect(XDGPaths.stateDirectory(environment) == state)
    }

    /// The configuration file and the journal follow the same rule as the keymap: a relative `XDG_*` is ignored.
    @Test func configurationAndJournalIgnoreARelativeXDGValue() {
        let environment = ["XDG_CONFIG_HOME": "conf", "XDG_STATE_HOME": "state", "HOME": "/home/op"]
        let loader = ConfigurationLoader(environment: environment)
        #expect(loader.configPath?.path == "/home/op/.config/canceldesk/config.json")
        #expect(
            ConfigurationLoader.defaultJournalPath(environment) == "/home/op/.local/state/canceldesk/journal.sqlite")
        #expect(ConfigurationLoader.defaultJournalPath([:]) == "")
    }

    /// Core shows the adapter's label of a refusal as it is and compares it; it never reads an HTTP status.
    @Test func aConfigurationFaultIsToldByTheAdaptersLabel() {
        var watch = RefusalWatch()
        for _ in 0..<RefusalWatch.faultThreshold {
            watch.refused(RefusalWatch.Signature(.permanent(message: "locked", answer: "exit 3"))!)
        }
        #expect(
            watch.fault.map(RefusalWatch.describe)
                == "every vendor call was refused alike (exit 3: locked): check the vendor configuration")
        var mixed = RefusalWatch()
        mixed.refused(RefusalWatch.Signature(.permanent(message: "locked", answer: "exit 3"))!)
        mixed.refused(RefusalWatch.Signature(.permanent(message: "locked", answer: "exit 4"))!)
        #expect(mixed.honest)
    }
}
