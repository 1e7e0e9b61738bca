/// canceldesk's version, sent in `User-Agent` and recorded in the journal.
public enum CancelDeskVersion {
    public static let current = "0.1.0"
}
