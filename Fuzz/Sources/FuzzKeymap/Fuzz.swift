import CancelDeskCore
import CancelDeskKeymap
import FuzzSupport

/// The keymap loader over the embedded defaults, with the input as the user's keymap file (its own JSON parser).
///
/// Properties: it never crashes; a refusal lists at least one problem; loading is deterministic (the same text
/// twice gives an equal keymap or equal problems); no problem or warning holds a control, bidi or format character
/// (the loader quotes what the file wrote, so a hostile file cannot put escape sequences on the terminal).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    let first = KeymapLoader.load(defaults: DefaultKeymap.json, user: text, userPath: "fuzz/keymap.json")
    let messages: [String]
    switch first {
    case .success(let loaded):
        messages = loaded.warnings
    case .failure(let error):
        require(!error.problems.isEmpty, "a refused keymap without a problem")
        messages = error.problems
    }
    for message in messages {
        for scalar in message.unicodeScalars where TextSanitizer.isDangerous(scalar) {
            require(false, "a keymap message holds U+\(String(scalar.value, radix: 16)): \(scalarDump(message))")
        }
    }
    let second = KeymapLoader.load(defaults: DefaultKeymap.json, user: text, userPath: "fuzz/keymap.json")
    require(first == second, "loading the same keymap twice gave different results")
    return 0
}
