/// The per-request saga as a pure state machine: checks before the point of no return (the vendor cancel),
/// a journal row before every remote side effect and after every outcome, then approve or fail in Connect.
///
/// The runner feeds it events and carries out the ``Action`` it returns; the machine itself does no I/O.
/// Journal entries it asks to record carry a placeholder time: the runner stamps them.
public struct CancelSaga: Sendable {
    /// What the runner must do next.
    public enum Action: Sendable, Equatable {
        /// Read the request from Connect (``requestRead(_:)`` / ``requestReadFailed(_:)``).
        case readRequest
        /// Record the entry only if nobody on this machine holds the request (``claimed(_:)``).
        case claim(JournalEntry)
        /// Record the entry only if the request's current state is still `over` (``claimed(_:)``): an operator
        /// takes up a needs_review row again.
        case reclaim(JournalEntry, over: DecisionState)
        /// Record the entry durably (``recorded()``); on a journal error, stop with no further remote call.
        case record(JournalEntry)
        /// Assign the request to canceldesk's Connect user, a soft claim (``assigned(_:)``).
        case assign
        /// Call the vendor after waiting (``vendorAnswered(_:elapsed:unit:)``).
        case cancelAtVendor(VendorCancelOrder, after: Duration)
        /// Approve in Connect (``connectAnswered(_:)`` / ``connectFailed(_:)``).
        case approve(templateID: String)
        /// Fail in Connect with the reason (``connectAnswered(_:)`` / ``connectFailed(_:)``).
        case fail(reason: String)
        /// Done.
        case finish(RequestResult)
    }

    private enum Phase: Sendable {
        case idle, checking, recovering, reconciling, reviewing, claiming, assigning, vendor, approving, rejecting
        case finished
    }

    public let requestID: String
    public let decision: Decision
    let settings: EngineSettings
    let identity: AuditIdentity
    let dryRun: Bool
    /// The vendor subscription id the decision was built on (what the operator or the listing saw), if known.
    let expectedSubscriptionID: String?
    private var phase = Phase.idle
    private var request: FulfillmentRequest?
    private var subscriptionID = ""
    private var reason = ""
    private var vendorRetries = 0
    /// What follows the records in flight, next first (a step may chain records: refused → needs review → finish).
    private var afterRecord: [Action] = []
    private var resumed: JournalEntry?
    /// Approving again a request whose journal row says approved while Connect still shows it pending.
    private var reapproving = false
    /// An operator's decision takes up a needs_review row again: the claim is made over that row.
    private var retryingReview = false

    /// - Parameters:
    ///   - decision: for recovery of a journal row, the decision the row implies wins over this one.
    ///   - expectedSubscriptionID: the vendor subscription id the decision was built on; when the re-read shows
    ///     another, nothing remote is done and the request needs review. A journal row's id is the expectation
    ///     when one is resumed.
    public init(
        requestID: String, decision: Decision, settings: EngineSettings, identity: AuditIdentity, dryRun: Bool = false,
        expectedSubscriptionID: String? = nil
    ) {
        self.requestID = requestID
        self.decision = decision
        self.settings = settings
        self.identity = identity
        self.dryRun = dryRun
        self.expectedSubscriptionID = expectedSubscriptionID.flatMap { $0.isEmpty ? nil : $0 }
        if case .reject(let reason) = decision { self.reason = Self.outbound(reason, limit: .max) }
    }

    var idempotencyKey: String {
        IdempotencyKey.make(salt: settings.keySalt, connectHost: settings.connectHost, requestID: requestID)
    }

    // MARK: Events

    /// Starts from what the journal holds for this request. Every path reads the request first.
    /// - Parameter ownerAlive: whether the process that wrote `current` is still running (then it is its work).
    public mutating func start(journal current: JournalEntry?, ownerAlive: Bool = false) -> Action {
        guard let current, current.state != .skipped else {
            phase = .checking
            return .readRequest
        }
        if current.state.isFinal {
            // A final row never hides a request Connect still shows pending: read it and reconcile. A needs_review
            // row an operator decides on (never `--auto` on its own) is taken up again after a fresh read.
            resumed = current
            phase = current.state == .needsReview && identity.mode != .auto ? .reviewing : .reconciling
            return .readRequest
        }
        if ownerAlive && current.owner != identity.owner {
            return finish(.skipped, "in progress in another canceldesk process (\(current.owner))")
        }
        subscriptionID = current.subscriptionID
        resumed = current
        phase = .recovering
        return .readRequest
    }

    /// The request as Connect has it now.
    public mutating func requestRead(_ request: FulfillmentRequest) -> Action {
        guard request.id == requestID else {
            // Nothing read about this request: as if the read failed (nothing done, nothing recorded).
            return failed(
                ServiceError(
                    service: .connect, kind: .malformedResponse,
                    messages: ["Connect answered about \(request.id) when asked for \(requestID)"]),
                what: "reading the request")
        }
        self.request = request
        switch phase {
        case .checking: return check(request)
        case .recovering: return recover(request)
        case .reconciling: return reconcile(request)
        case .reviewing: return review(request)
        default: return unexpected("request read")
        }
    }

    /// Reading the request failed: nothing was done, nothing is recorded. A read refused by the adapter (an id it
    /// will not put in a URL; read-only mode never refuses a read) is an unknown request, like Connect's 404.
    public mutating func requestReadFailed(_ error: ServiceError) -> Action {
        guard error.kind == .refused else { return failed(error, what: "reading the request") }
        let detail = "reading the request failed: \(TextSanitizer.clean(error.description, limit: 300))"
        return finish(.failed, detail, cause: .notFound(error.service))
    }

    /// The local claim's answer.
    public mutating func claimed(_ won: Bool) -> Action {
        guard won else { return finish(.skipped, "another canceldesk on this machine is working on it") }
        if case .reject = decision {
            phase = .rejecting
            return .fail(reason: reason)
        }
        if settings.claimWithAssign, settings.assignee != nil {
            phase = .assigning
            return .assign
        }
        return callVendor(after: .zero)
    }

    /// The soft claim's answer: the request as returned by assign, or nil when assign failed.
    public mutating func assigned(_ request: FulfillmentRequest?) -> Action {
        // Assign is a hint, not a lock: a failure to assign does not stop the cancel.
        callVendor(after: .zero)
    }

    /// Counts `retries` vendor retries made by an earlier, deferred attempt of this request in this run against the
    /// retry budget, so that resuming it (through the journal's `vendor_sending` row) cannot retry without end.
    public mutating func carryVendorRetries(_ retries: Int) {
        vendorRetries = max(vendorRetries, retries)
    }

    /// The last ``Action/record(_:)`` is durable.
    public mutating func recorded() -> Action {
        guard !afterRecord.isEmpty else { return unexpected("record") }
        return afterRecord.removeFirst()
    }

    /// The vendor answered (or the adapter classified a failure).
    /// - Parameters:
    ///   - elapsed: time since the first vendor attempt.
    ///   - unit: a random number in `0...1` for jitter.
    public mutating func vendorAnswered(_ outcome: VendorOutcome, elapsed: Duration, unit: Double) -> Action {
        switch outcome {
        case .cancelled(let already, let message):
            return record(
                entry(.vendorCancelled, vendorStatus: already ? .alreadyCancelled : .cancelled, vendorMessage: message),
                then: approve())
        case .transient(let message, let retryAfter):
            guard
                let wait = settings.vendorRetry.delay(
                    retry: vendorRetries, elapsed: elapsed, retryAfter: retryAfter, unit: unit)
            else {
                return finish(
                    .failed,
                    "vendor unavailable (\(TextSanitizer.clean(message, limit: 200))); the next run resumes it",
                    cause: .unavailable(.vendor))
            }
            vendorRetries += 1
            return callVendor(after: wait)
        case .permanent(let message, let clearRefusal, _):
            // Only a clear refusal by the vendor (the adapter's verdict) may become a customer-visible reason; a 404
            // (maybe a wrong id mapping), a proxy's HTML page or a failure without a status always goes to a person.
            return record(
                entry(.vendorRefused, vendorStatus: clearRefusal ? .refused : .refusedUnclear, vendorMessage: message),
                then: vendorRefused(message: Self.outbound(message, limit: 500), mayReject: clearRefusal))
        case .unauthorized(let message):
            return record(
                entry(
                    .skipped, vendorStatus: .unauthorized, vendorMessage: message,
                    reason: "the vendor refused canceldesk's credentials"),
                then: .finish(
                    result(.failed, "the vendor refused canceldesk's credentials", cause: .unauthorized(.vendor))))
        }
    }

    /// Connect answered approve or fail (reconciled by the adapter).
    public mutating func connectAnswered(_ outcome: ActionOutcome) -> Action {
        let approving = phase == .approving
        let verb = approving ? "approve" : "fail"
        guard outcome.request.id == requestID else {
            // Not an answer about this request: nothing is recorded; the next run reads it and reconciles.
            return finish(
                .failed,
                "\(verb) not confirmed: Connect answered about \(outcome.request.id) when asked for \(requestID); "
                    + "the next run checks it again", cause: .other)
        }
        switch outcome {
        case .done, .alreadyDone:
            let target: RequestStatus = approving ? .approved : .failed
            guard outcome.request.status == target else {
                return finish(
                    .failed,
                    "\(verb) not confirmed: Connect answered with status \(outcome.request.status); "
                        + "the next run checks it again", cause: .other)
            }
            let confirmed = outcome != .done(outcome.request)
            if approving {
                let again = reapproving
                let detail =
                    again
                    ? "journal said approved but Connect still showed it pending: approved again (vendor cancel of "
                        + "\(subscriptionID) done earlier)"
                    : "vendor cancelled \(subscriptionID); approved in Connect"
                return record(
                    entry(
                        .approved,
                        connectOutcome: again
                            ? .approvedAgain(confirmedByReread: confirmed)
                            : .status(.approved, confirmedByReread: confirmed),
                        reason: again ? "journal said approved but Connect still showed it pending" : ""),
                    then: .finish(result(.approved, detail)))
            }
            return record(
                entry(.rejected, connectOutcome: .status(.failed, confirmedByReread: confirmed), reason: reason),
                then: .finish(result(.rejected, "rejected: \(TextSanitizer.clean(reason, limit: 120))")))
        case .conflict(let request, let detail):
            let what =
                approving
                ? "vendor cancelled \(subscriptionID) but Connect says \(request.status): \(detail)"
                : "reject not applied: Connect says \(request.status): \(detail)"
            return review(.connectConflict, what, connectOutcome: .shown(request.status))
        }
    }

    /// Connect's approve or fail failed after the adapter's own reconciliation.
    public mutating func connectFailed(_ error: ServiceError) -> Action {
        let verb = phase == .approving ? "approve" : "fail"
        switch error.kind {
        case .transient, .rateLimited, .unauthorized, .forbidden, .refused:
            // Nothing contradicts us: the journal row stays where it is and the next run resumes it.
            return failed(error, what: verb)
        case .rejected, .notFound, .malformedResponse:
            let what = "Connect refused \(verb): \(TextSanitizer.clean(error.description, limit: 300))"
            let cause: ReviewCause = error.kind == .malformedResponse ? .unclearOutcome : .connectConflict
            return review(cause, what, connectOutcome: .refused)
        }
    }

    // MARK: Steps

    private mutating func check(_ request: FulfillmentRequest) -> Action {
        if let mismatch = settings.scope.mismatch(request) {
            let decided = request.type == .cancel && [.approved, .failed, .revoked].contains(request.status)
            return finish(.skipped, "not acted on: \(mismatch)", cause: decided ? .alreadyDecided : nil)
        }
        if let assigned = assignedElsewhere(request) { return assigned }
        if case .reject(let reason) = decision {
            guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                return finish(.skipped, "a reject needs a reason")
            }
            if let changed = subscriptionChange(request, expected: expectedSubscriptionID) { return changed }
            if dryRun { return finish(.skipped, "dry run: would reject") }
            phase = .claiming
            return claim(entry(.rejectSending, reason: reason))
        }
        switch settings.subscriptionID(of: request) {
        case .failure(let problem):
            return review(.missingParameter, problem.description)
        case .success(let id):
            if let changed = subscriptionChange(request, expected: expectedSubscriptionID) { return changed }
            subscriptionID = id
        }
        guard let template = settings.template(forProduct: request.asset.product.id) else {
            return review(.missingTemplate, "no approve template is configured for \(request.asset.product.id)")
        }
        if dryRun {
            return finish(
                .skipped, "dry run: would cancel \(subscriptionID) at the vendor and approve with \(template)")
        }
        phase = .claiming
        return claim(entry(.vendorSending))
    }

    /// Skips a request assigned to someone other than this operator (``EngineSettings/assignee``): always in
    /// `--auto` and with `claim_with_assign`, unless `auto.take_assigned`; nil when it may go on.
    private mutating func assignedElsewhere(_ request: FulfillmentRequest) -> Action? {
        guard case .user = request.assignee, !(settings.assignee?.matches(request.assignee) ?? false) else {
            return nil
        }
        guard identity.mode == .auto || settings.claimWithAssign, !settings.takeAssigned else { return nil }
        let who = TextSanitizer.clean(request.assignee.label, limit: 60)
        return finish(.skipped, "assigned to \(who), not to this operator (auto.take_assigned is off)")
    }

    /// Resumes a journal row a crash or an outage left half-done.
    private mutating func recover(_ request: FulfillmentRequest) -> Action {
        guard let resumed else { return unexpected("recovery without a journal row") }
        let expected = resumed.subscriptionID.isEmpty ? expectedSubscriptionID : resumed.subscriptionID
        if let changed = subscriptionChange(request, expected: expected) { return changed }
        switch resumed.state {
        case .vendorCancelled:
            // approve is reconciled by the adapter: an approved request comes back as alreadyDone.
            return approve()
        case .vendorRefused:
            return vendorRefused(message: resumed.vendorMessage, mayReject: resumed.vendorStatus == .refused)
        case .rejectSending:
            reason = resumed.reason
            phase = .rejecting
            return .fail(reason: reason)
        default:
            break
        }
        switch request.status {
        case .pending, .inquiring:
            // The vendor call's outcome is unknown: the same key again lets the vendor answer without a second cancel.
            return callVendor(after: .zero)
        case .approved:
            return record(
                entry(.doneByOther, connectOutcome: .status(.approved)),
                then: .finish(result(.skipped, "approved by someone else while our vendor call was unresolved")))
        default:
            let what = "Connect says \(request.status) while our vendor cancel of \(subscriptionID) is unresolved"
            return review(.connectConflict, what, connectOutcome: .shown(request.status))
        }
    }

    /// Checks a final journal row against Connect: a request Connect still shows pending is not left hidden.
    private mutating func reconcile(_ request: FulfillmentRequest) -> Action {
        guard let resumed else { return unexpected("reconciling without a journal row") }
        let state = resumed.state.rawValue
        let recorded = resumed.reason.isEmpty ? "journal" : TextSanitizer.clean(resumed.reason, limit: 300)
        guard request.status == .pending || request.status == .inquiring else {
            // Counted once, by the run that decided it; a person still owes a look at needs_review.
            guard resumed.state == .needsReview else {
                return finish(.skipped, "already decided: \(state) (\(recorded))", cause: .alreadyDecided)
            }
            var waiting = result(.needsReview, "already decided: \(state) (\(recorded))", cause: .alreadyDecided)
            waiting.reviewCause = resumed.reviewCause ?? .unknown
            waiting.awaitingReview = true
            return .finish(waiting)
        }
        switch resumed.state {
        case .approved:
            // The vendor cancel is done: approve again (after this re-read), never a new vendor call.
            let decided = resumed.subscriptionID.isEmpty ? nil : resumed.subscriptionID
            if let changed = subscriptionChange(request, expected: decided) { return changed }
            subscriptionID = resumed.subscriptionID
            reapproving = true
            return approve()
        case .needsReview:
            // Pending is what a request left for a person looks like: still theirs, nothing new to record, and not
            // counted as new (it is still waiting).
            let cause = resumed.reviewCause ?? .unknown
            var waiting = result(.needsReview, "still waiting for review (\(cause.label)): \(recorded)")
            waiting.reviewCause = cause
            waiting.awaitingReview = true
            return .finish(waiting)
        default:
            subscriptionID = resumed.subscriptionID
            let what = "journal said \(state) but Connect still shows it \(request.status): a person must check"
            return review(.unclearOutcome, what, connectOutcome: .shown(request.status))
        }
    }

    /// When the request's subscription id is not the one the decision was built on: needs review, nothing remote.
    private mutating func subscriptionChange(_ request: FulfillmentRequest, expected: String?) -> Action? {
        guard let expected, !expected.isEmpty else { return nil }
        let now = try? settings.subscriptionID(of: request).get()
        guard now != expected else { return nil }
        let what =
            "subscription changed: \(TextSanitizer.clean(expected, limit: 128)) when decided, "
            + "\(now ?? "none") now; nothing was done"
        subscriptionID = now ?? ""
        if dryRun { return finish(.needsReview, what) }
        return review(.subscriptionMismatch, what)
    }

    private mutating func callVendor(after wait: Duration) -> Action {
        guard let request else { return unexpected("vendor call before reading the request") }
        phase = .vendor
        let order = VendorCancelOrder(
            requestID: requestID, subscriptionID: subscriptionID, reason: "Connect cancel request \(requestID)",
            idempotencyKey: idempotencyKey, request: request)
        return .cancelAtVendor(order, after: wait)
    }

    private mutating func approve() -> Action {
        phase = .approving
        guard let product = request?.asset.product.id, let template = settings.template(forProduct: product) else {
            return review(
                .missingTemplate, "no approve template is configured for \(request?.asset.product.id ?? "the product")")
        }
        return .approve(templateID: template)
    }

    private mutating func vendorRefused(message: String, mayReject: Bool) -> Action {
        if mayReject && identity.mode == .auto && settings.onVendorRefusal == .reject {
            reason = "The vendor could not cancel the subscription: " + Self.outbound(message, limit: 200)
            phase = .rejecting
            return record(entry(.rejectSending, reason: reason), then: .fail(reason: reason))
        }
        let what = "vendor refused the cancel: \(Self.outbound(message, limit: 200))"
        return review(mayReject ? .vendorRefusal : .unclearOutcome, what, vendorMessage: message)
    }

    /// An operator's decision on a needs_review row: a request Connect still shows pending goes through the
    /// checks again (the same idempotency key, this fresh read); anything else is reconciled as before.
    private mutating func review(_ request: FulfillmentRequest) -> Action {
        guard request.status == .pending || request.status == .inquiring else { return reconcile(request) }
        retryingReview = true
        return check(request)
    }

    // MARK: Helpers

    /// The claim before the first remote step: over the needs_review row an operator takes up again, or a new one.
    private func claim(_ entry: JournalEntry) -> Action {
        retryingReview ? .reclaim(entry, over: .needsReview) : .claim(entry)
    }

    /// Records that a person must look, and why, then finishes as needs review.
    private mutating func review(
        _ cause: ReviewCause, _ what: String, vendorMessage: String = "", connectOutcome: ConnectOutcome? = nil
    ) -> Action {
        var row = entry(.needsReview, vendorMessage: vendorMessage, connectOutcome: connectOutcome, reason: what)
        row.reviewCause = cause
        var ended = result(.needsReview, what)
        ended.reviewCause = cause
        return record(row, then: .finish(ended))
    }

    /// Records `entry`, then continues with `next`. `next` is built first, so a chained record inside it has
    /// already queued its own continuation; this one goes in front of it.
    private mutating func record(_ entry: JournalEntry, then next: Action) -> Action {
        afterRecord.insert(next, at: 0)
        return .record(entry)
    }

    private func entry(
        _ state: DecisionState, vendorStatus: VendorStatus? = nil, vendorMessage: String = "",
        connectOutcome: ConnectOutcome? = nil, reason: String = ""
    ) -> JournalEntry {
        JournalEntry(
            requestID: requestID, state: state, at: .init(timeIntervalSince1970: 0), mode: identity.mode,
            osUser: identity.osUser, host: identity.host, connectUser: identity.connectUser,
            subscriptionID: subscriptionID, idempotencyKey: subscriptionID.isEmpty ? "" : idempotencyKey,
            vendorStatus: vendorStatus, vendorMessage: Self.outbound(vendorMessage, limit: 500),
            connectOutcome: connectOutcome.map { ConnectOutcome(rawValue: Self.outbound($0.rawValue, limit: 200)) },
            reason: Self.outbound(reason, limit: 500),
            templateID: request.flatMap { settings.template(forProduct: $0.asset.product.id) } ?? "",
            owner: identity.owner)
    }

    private mutating func failed(_ error: ServiceError, what: String) -> Action {
        let cause: RequestResult.Cause =
            switch error.kind {
            case .unauthorized, .forbidden: .unauthorized(error.service)
            case .transient, .rateLimited: .unavailable(error.service)
            case .notFound: .notFound(error.service)
            default: .other
            }
        return finish(.failed, "\(what) failed: \(TextSanitizer.clean(error.description, limit: 300))", cause: cause)
    }

    private mutating func finish(_ kind: RequestResult.Kind, _ detail: String, cause: RequestResult.Cause? = nil)
        -> Action
    {
        .finish(result(kind, detail, cause: cause))
    }

    private func result(_ kind: RequestResult.Kind, _ detail: String, cause: RequestResult.Cause? = nil)
        -> RequestResult
    {
        RequestResult(
            requestID: requestID, kind: kind, detail: Self.outbound(detail, limit: .max), cause: cause,
            subscriptionID: subscriptionID)
    }

    /// Text from outside made safe to leave the process: sanitized, every secret masked, then cut to `limit` (after
    /// masking, so a cut never leaves part of a secret behind).
    static func outbound(_ text: String, limit: Int) -> String {
        TextSanitizer.clean(SecretRedactor.redact(TextSanitizer.clean(text)), limit: limit)
    }

    private mutating func unexpected(_ event: String) -> Action {
        finish(.failed, "internal: unexpected \(event) in phase \(phase)", cause: .other)
    }
}

extension CancelSaga.Action {
    /// The remote (or claiming) step this action starts, in words, for "stopped before …"; nil for local ones.
    var remoteStep: String? {
        switch self {
        case .readRequest: "reading the request"
        case .claim, .reclaim: "claiming the request"
        case .assign: "assigning the request"
        case .cancelAtVendor: "the vendor call"
        case .approve: "approving in Connect"
        case .fail: "failing in Connect"
        case .record, .finish: nil
        }
    }
}
