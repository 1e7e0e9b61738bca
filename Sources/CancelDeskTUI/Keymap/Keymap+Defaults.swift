extension Keymap {
    /// The built-in bindings alone (`DefaultKeymap.json`, no user file): for tests, and for screens that need a
    /// keymap before one is loaded. A test guarantees the defaults load.
    public static let defaults: Keymap = {
        switch KeymapLoader.load(defaults: DefaultKeymap.json, user: nil, userPath: nil) {
        case .success(let loaded): return loaded.keymap
        case .failure(let error): preconditionFailure("the built-in keymap is invalid:\n\(error)")
        }
    }()
}
