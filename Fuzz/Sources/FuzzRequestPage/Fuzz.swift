import CancelDeskCore
import ConnectClient
import Foundation
import FuzzSupport

/// The request decoders: `RequestPageDecoder.decode` (a list page) and `decodeOne` (one request).
///
/// Properties, beyond "never crashes": a page accounts for every element (decoded + skipped = count); every decoded
/// request id is a safe path segment; a request that `decodeOne` accepts decodes identically as a one-element page.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    if let page = try? RequestPageDecoder.decode(data) {
        require(
            page.requests.count + page.skipped.count == page.count,
            "page of \(page.count) elements gave \(page.requests.count) requests + \(page.skipped.count) skipped")
        for request in page.requests { requireSafeID(request.id) }
    }
    if let one = try? RequestPageDecoder.decodeOne(data) {
        requireSafeID(one.id)
        var wrapped = Data("[".utf8)
        wrapped.append(data)
        wrapped.append(Data("]".utf8))
        if let page = try? RequestPageDecoder.decode(wrapped), page.count == 1 {
            require(page.requests == [one], "decodeOne and decode disagree on \(one.id)")
        }
    }
    return 0
}

/// Request ids go into URL paths: 1–64 of letters, digits, `-`, `_`, `.`, not starting with `.`.
func requireSafeID(_ id: String) {
    let safe =
        (1...64).contains(id.utf8.count) && id.first != "."
        && id.utf8.allSatisfy { byte in
            (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte) || byte == 45
                || byte == 95 || byte == 46
        }
    require(safe, "decoded a request with an unsafe id: \(scalarDump(id))")
}
