/// Keeps a confirming key from counting before the operator could see what it confirms: a key read before the
/// dialog was first drawn (typed ahead, or the rest of a burst), or within ``delay`` of that draw, does not
/// confirm. The run loop consults it; it holds no terminal and no clock of its own.
struct ConfirmGuard {
    /// How long a dialog must have been on screen before a confirming key counts.
    let delay: Duration
    /// When the open dialog was first drawn; nil while none is open or it has not been drawn yet.
    private(set) var shownAt: ContinuousClock.Instant?

    init(delay: Duration) {
        self.delay = delay
    }

    /// The actions that start a decision from a dialog.
    static func confirms(_ action: KeyAction?) -> Bool {
        action == .confirm || action == .activate || action == .submit
    }

    /// Call after every state change: forgets the dialog once none is asking.
    mutating func observe(asking: Bool) {
        if !asking { shownAt = nil }
    }

    /// Call after each draw.
    mutating func drawn(asking: Bool, at now: ContinuousClock.Instant) {
        if asking && shownAt == nil { shownAt = now }
        if !asking { shownAt = nil }
    }

    /// Whether a confirming key read `now` may count.
    func allows(at now: ContinuousClock.Instant) -> Bool {
        guard let shownAt else { return false }
        return now - shownAt >= delay
    }
}
