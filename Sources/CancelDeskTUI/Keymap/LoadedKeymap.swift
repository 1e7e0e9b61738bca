import CancelDeskCore

/// A keymap that loaded, with what the operator should still hear about.
public struct LoadedKeymap: Sendable, Equatable {
    /// The effective bindings: defaults with the user's overrides merged.
    public let keymap: Keymap
    /// Non-fatal findings (a key hiding a global one, approve on `<Enter>`, Alt keys…), each naming file and path;
    /// control, bidi and format characters are shown as `\u{…}`.
    public let warnings: [String]
    /// The user file that was merged, if any.
    public let userPath: String?

    /// A loaded keymap with its warnings.
    public init(keymap: Keymap, warnings: [String], userPath: String? = nil) {
        self.keymap = keymap
        self.warnings = warnings.map { TextSanitizer.clean($0) }
        self.userPath = userPath
    }
}
