import CancelDeskCore
import FuzzSupport

/// `TextSanitizer`: nothing dangerous (C0, DEL, C1, bidi and other format characters) survives; sanitizing twice
/// changes nothing; `changed` says exactly whether the text changed; `clean` keeps to its limit and is safe.
///
/// First byte: bit 0 chooses the text (0: the rest as UTF-8 with repairs; 1: arbitrary scalars from 3-byte
/// groups, reaching every plane); the byte itself is the `clean` limit.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    var input = FuzzInput(start, count)
    let head = input.byte()
    let text = head & 1 == 0 ? String(decoding: input.rest, as: UTF8.self) : input.scalarString(maxScalars: 4096)

    let (once, changed) = TextSanitizer.sanitize(text)
    for scalar in once.unicodeScalars {
        require(
            !TextSanitizer.isDangerous(scalar), "U+\(String(scalar.value, radix: 16)) survived in \(scalarDump(once))")
    }
    require(
        changed == !once.unicodeScalars.elementsEqual(text.unicodeScalars),
        "changed=\(changed) but the text \(changed ? "did not change" : "changed"): \(scalarDump(text))")
    let (twice, changedAgain) = TextSanitizer.sanitize(once)
    require(
        !changedAgain && twice.unicodeScalars.elementsEqual(once.unicodeScalars), "not idempotent: \(scalarDump(text))")

    let limit = Int(head >> 1)
    if limit >= 1 {
        let clean = TextSanitizer.clean(text, limit: limit)
        require(clean.count <= limit, "clean(limit: \(limit)) gave \(clean.count) characters")
        for scalar in clean.unicodeScalars {
            require(!TextSanitizer.isDangerous(scalar), "clean left U+\(String(scalar.value, radix: 16))")
        }
    }
    return 0
}
