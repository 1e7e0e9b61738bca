/// The one resolver of canceldesk's own directories (XDG Base Directory): configuration (`config.json`,
/// `keymap.json`) and state (the journal, the console log, the demo's files).
///
/// An `XDG_*` variable counts only when it is an absolute path (the specification calls a relative one invalid);
/// else the `HOME` default applies. Nil when neither is usable.
public enum XDGPaths {
    /// `$XDG_CONFIG_HOME/canceldesk`, else `$HOME/.config/canceldesk`.
    public static func configDirectory(_ environment: [String: String]) -> String? {
        directory(environment, variable: "XDG_CONFIG_HOME", underHome: ".config")
    }

    /// `$XDG_STATE_HOME/canceldesk`, else `$HOME/.local/state/canceldesk`.
    public static func stateDirectory(_ environment: [String: String]) -> String? {
        directory(environment, variable: "XDG_STATE_HOME", underHome: ".local/state")
    }

    private static func directory(_ environment: [String: String], variable: String, underHome: String) -> String? {
        if let base = environment[variable], base.hasPrefix("/") { return join(base, "canceldesk") }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return join(join(home, underHome), "canceldesk")
    }

    private static func join(_ base: String, _ name: String) -> String {
        var base = base
        while base.count > 1 && base.hasSuffix("/") { base.removeLast() }
        return base == "/" ? "/" + name : base + "/" + name
    }
}
