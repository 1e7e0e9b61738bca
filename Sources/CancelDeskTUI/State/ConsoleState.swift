public import CancelDeskCore
public import Foundation

/// Everything the console shows, as a value: the reducer changes it, the renderer draws it.
public struct ConsoleState: Sendable {
    public internal(set) var context: ConsoleContext
    public internal(set) var size: TerminalSize
    /// The time the screen is drawn for (ages, "updated Ns ago").
    public internal(set) var now: Date

    // The queue.
    public internal(set) var table = RequestTable()
    /// All rows in sort order (indices into ``table``).
    var sorted: [Int] = []
    /// The rows the filter lets through, in sort order: what the list shows.
    public internal(set) var visible: [Int] = []
    /// The query ``visible`` reflects.
    var appliedQuery = FilterQuery("")
    public internal(set) var filter = ""
    /// Where the cursor is in ``filter`` (a character offset).
    public internal(set) var filterCursor = 0
    /// The `/` prompt is open.
    public internal(set) var filterEditing = false
    public internal(set) var sort = SortOrder()
    /// Only requests that need review are shown (`filter.review`), on top of the filter.
    public internal(set) var reviewOnly = false
    /// Why each request waiting for a person needs review, by request id (from the journal, then this session).
    public internal(set) var reviews: [String: ReviewNote] = [:]
    /// The `:` command line as typed, and whether it is open.
    public internal(set) var command = ""
    public internal(set) var commandEditing = false
    /// The detail view's `/` search (kept across requests, so `n` finds it in the next one too), and whether its
    /// prompt is open.
    public internal(set) var detailSearch = ""
    public internal(set) var detailSearchEditing = false
    /// The document row of the current search match in the detail view.
    public internal(set) var detailMatch: Int?

    // Selection and scrolling.
    /// The selected request; the selection follows this id across refreshes and re-sorting.
    public internal(set) var selectedID: String?
    /// The selected position in ``visible``.
    public internal(set) var cursor = 0
    /// The first position of ``visible`` on screen.
    public internal(set) var top = 0

    // Marks.
    public internal(set) var marks: Set<String> = []
    /// ``marks`` by row of ``table`` (counting marked visible rows must not hash 100,000 ids per keystroke).
    var markedRows: [Bool] = []
    /// How many marked requests are in ``visible``.
    public internal(set) var markedVisible = 0
    /// How to undo each mark change, newest last (bounded; `u` takes the newest).
    var markUndo: [MarkChange] = []

    // The preview pane.
    /// The operator's `v` choice; nil until toggled (the pane is then on when the terminal is large enough).
    public internal(set) var previewChoice: Bool?
    /// The request the preview pane shows, as last read.
    public internal(set) var preview = PreviewState()

    /// Screens above the list, bottom first.
    public internal(set) var screens: [ConsoleScreen] = []

    // Work and data from the engine.
    public internal(set) var work = WorkState()
    public internal(set) var log = MessageLog()
    /// The detail screen's journal history, for `historyFor`.
    public internal(set) var detailHistory: LoadState<[JournalEntry]> = .idle
    var historyFor: String?
    /// The recent journal, for the history view (newest first).
    public internal(set) var journal: LoadState<[JournalEntry]> = .idle

    // Refreshing.
    /// When the rows were last listed successfully.
    public internal(set) var lastRefresh: Date?
    /// When a listing was last asked for (schedules the next).
    var lastAttempt: Date?
    public internal(set) var refreshing = false
    /// Auto-refresh is paused.
    public internal(set) var paused = false
    /// Why the last listing failed, while the rows shown are older.
    public internal(set) var loadError: String?
    /// Listings that failed in a row (the retry backs off with each).
    public internal(set) var listingFailures = 0
    /// When the listing is tried again after a failure.
    public internal(set) var retryAt: Date?
    var lastSkippedCount = 0
    /// Quit was asked for while requests were in flight: the console leaves when they finish.
    public internal(set) var quitRequested = false

    /// The help lines of every context, from the effective keymap (approve and reject left out in read-only
    /// mode); the keymap does not change during a session.
    public internal(set) var help: [KeyContext: [HelpLine]] = [:]

    /// A console with nothing listed yet; `hints` provides the help content.
    public init(context: ConsoleContext, size: TerminalSize, now: Date, hints: KeyHints = .none) {
        self.context = context
        self.size = size
        self.now = now
        for keyContext in KeyContext.allCases {
            help[keyContext] = hints.helpLines(keyContext).filter { line in
                !(context.readOnly && KeyAction(rawValue: line.action)?.isDestructive == true)
            }
        }
    }

    /// True when the list shows the preview pane below it: by the operator's `v`, else by default from
    /// ``PreviewState/defaultMinimum`` up; never when the list would be left with too few rows.
    public var showsPreview: Bool {
        let wanted = previewChoice ?? PreviewState.isLargeEnough(size)
        return wanted && ScreenLayout.listHeight(size) >= PreviewState.minimumListRows
    }

    /// How many list rows fit with the preview pane as it is now.
    var listHeight: Int { ScreenLayout.listHeight(size, preview: showsPreview) }

    /// Where keys are looked up now.
    public var keyContext: KeyContext {
        switch screens.last {
        case nil: filterEditing || commandEditing ? .prompt : .list
        case .detail: detailSearchEditing ? .prompt : .detail
        case .dialog(let dialog):
            dialog.phase == .running ? .progress : dialog.kind == .reject && dialog.phase == .asking ? .prompt : .dialog
        case .help, .messages, .history: .help
        }
    }

    /// Which prompt takes typed text, when one is open.
    enum PromptFocus {
        case filter, command, detailSearch, reason
    }

    var promptFocus: PromptFocus? {
        guard keyContext == .prompt else { return nil }
        switch screens.last {
        case nil: return commandEditing ? .command : .filter
        case .detail: return .detailSearch
        default: return .reason
        }
    }

    /// The selected row, if any.
    public var selectedRow: RequestRow? {
        guard cursor >= 0, cursor < visible.count else { return nil }
        return table.rows[visible[cursor]]
    }

    /// The ids of the visible rows, in order (O(n): for tests and small lists).
    public var visibleIDs: [String] { visible.map { table.rows[$0].id } }

    /// The dialog on top of the stack, if any.
    public var dialog: DecisionDialog? {
        if case .dialog(let dialog) = screens.last { return dialog }
        return nil
    }

    /// The topmost detail view, if any.
    public var detail: DetailView? {
        for screen in screens.reversed() {
            if case .detail(let view) = screen { return view }
        }
        return nil
    }

    /// True while any dialog is open (auto-refresh waits).
    var hasDialog: Bool {
        screens.contains { if case .dialog = $0 { true } else { false } }
    }

    /// Whether the request with this id passes the current filter (O(1) in the number of rows).
    func isVisible(_ id: String) -> Bool {
        guard let index = table.index(of: id) else { return false }
        return table.corpus.matches(index, appliedQuery) && (!reviewOnly || reviews[id] != nil)
    }
}
