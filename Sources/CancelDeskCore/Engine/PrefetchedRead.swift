/// A read of one request from Connect and when its answer arrived, on the engine's clock.
struct PrefetchedRead: Sendable {
    var request: FulfillmentRequest
    var answeredAt: Duration

    /// Whether the read may stand in for a read made now. The saga's check before the vendor call must see the
    /// request as Connect has it at that moment; a read answered no more than `maxAge` ago (the read-ahead overlaps
    /// only the previous request's approve, so it is normally about one Connect round trip old) is as good as a
    /// read made now, whose answer is also a round trip old when it arrives. An older read is never used.
    func isFresh(now: Duration, maxAge: Duration) -> Bool {
        let age = now - answeredAt
        return age >= .zero && age <= maxAge
    }
}
