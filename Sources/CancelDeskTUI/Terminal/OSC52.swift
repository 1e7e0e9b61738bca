import Foundation

/// The OSC 52 "set clipboard" sequence, which a terminal honours over SSH: `ESC ] 52 ; c ; <base64> BEL`.
///
/// Inside tmux the plain sequence is taken by tmux itself (with `set-clipboard on`, its default `external` ignores
/// it), so a second copy is wrapped in tmux's DCS passthrough (`ESC P tmux; … ESC \`, every ESC inside doubled),
/// which reaches the outer terminal when `allow-passthrough` is on. Both carry the same text: whichever arrives
/// sets the clipboard.
enum OSC52 {
    /// The most text copied (the ids copied are far shorter).
    static let limit = 4_096

    /// The bytes to write for `text`; `inTmux` adds the passthrough form.
    static func sequences(_ text: String, inTmux: Bool) -> [UInt8] {
        let payload = Data(String(text.prefix(limit)).utf8).base64EncodedString()
        let plain = "\u{1B}]52;c;\(payload)\u{07}"
        guard inTmux else { return Array(plain.utf8) }
        let wrapped = "\u{1B}Ptmux;" + plain.replacingOccurrences(of: "\u{1B}", with: "\u{1B}\u{1B}") + "\u{1B}\\"
        return Array((plain + wrapped).utf8)
    }
}
