internal import CancelDeskCore
internal import Foundation

/// Builds the effective keymap: the embedded defaults, with a user file's bindings merged per action.
///
/// A user file only lists what it changes, in the defaults' shape:
/// `{"version": 1, "contexts": {"list": {"approve": "A", "reject": ["X", "<Del>"]}}}`. A value replaces the default
/// keys of that action; `null` (or `[]`) unbinds it. Everything wrong is reported at once, each with file and path;
/// nothing is loaded half-way.
public struct KeymapLoader {
    /// How the defaults are named in messages.
    public static let defaultsLabel = "built-in keymap.json"

    /// Merges `user` (the text of a user keymap file, if any) over `defaults` and checks the result.
    ///
    /// - Parameters:
    ///   - defaults: the defaults' JSON, normally `DefaultKeymap.json`.
    ///   - user: the user file's text, or nil for defaults only.
    ///   - userPath: the user file's path, used to name it in messages (`user keymap` when nil).
    public static func load(defaults: String, user: String?, userPath: String?) -> Result<LoadedKeymap, KeymapError> {
        var diagnostics = KeymapDiagnostics()
        let defaultsFile = KeymapFile.read(defaults, label: defaultsLabel, fromUser: false, diagnostics: &diagnostics)
        var userFile: KeymapFile?
        if let user {
            let label = userPath ?? "user keymap"
            userFile = KeymapFile.read(user, label: label, fromUser: true, diagnostics: &diagnostics)
        }
        // When a file is not JSON at all, the merged checks would only repeat its absence as invariant errors.
        guard let defaultsFile, user == nil || userFile != nil else {
            return .failure(KeymapError(problems: diagnostics.problems))
        }
        var merger = KeymapMerger()
        merger.apply(defaultsFile)
        if let userFile { merger.apply(userFile) }
        merger.check(&diagnostics, defaultsLabel: defaultsLabel)
        guard diagnostics.problems.isEmpty else { return .failure(KeymapError(problems: diagnostics.problems)) }
        return .success(LoadedKeymap(keymap: merger.keymap, warnings: diagnostics.warnings, userPath: userPath))
    }

    /// The user keymap file to merge: `explicit` (`--keymap PATH`) as given, even when missing (loading it then
    /// fails), else `$XDG_CONFIG_HOME/canceldesk/keymap.json` (XDG_CONFIG_HOME defaults to `$HOME/.config`) when it
    /// exists, else nil.
    public static func resolveUserPath(explicit: String?, environment: [String: String]) -> String? {
        resolveUserPath(explicit: explicit, environment: environment) { FileManager.default.fileExists(atPath: $0) }
    }

    static func resolveUserPath(
        explicit: String?,
        environment: [String: String],
        fileExists: (String) -> Bool
    ) -> String? {
        if let explicit, !explicit.isEmpty { return explicit }
        guard let directory = XDGPaths.configDirectory(environment) else { return nil }
        let candidate = directory + "/keymap.json"
        return fileExists(candidate) ? candidate : nil
    }

    /// Resolves the user file (see `resolveUserPath`), reads it, and loads it over `DefaultKeymap.json`.
    /// An explicit path that cannot be read is a problem like any other.
    public static func load(explicitPath: String?, environment: [String: String]) -> Result<LoadedKeymap, KeymapError> {
        guard let path = resolveUserPath(explicit: explicitPath, environment: environment) else {
            return load(defaults: DefaultKeymap.json, user: nil, userPath: nil)
        }
        // Stat first, then read with a cap: a huge file, a FIFO or /dev/zero is refused before it fills memory.
        let data: Data
        do {
            data = try BoundedFile.read(path, limit: BoundedFile.configurationLimit)
        } catch .missing {
            return .failure(KeymapError(problems: ["\(path): no such keymap file"]))
        } catch .directory {
            return .failure(KeymapError(problems: ["\(path): cannot read the keymap file"]))
        } catch {
            return .failure(KeymapError(problems: ["\(path): keymap file \(error)"]))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(KeymapError(problems: ["\(path): not UTF-8 text"]))
        }
        return load(defaults: DefaultKeymap.json, user: text, userPath: path)
    }
}
