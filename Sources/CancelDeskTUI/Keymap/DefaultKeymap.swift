/// The built-in key bindings: the text of keymap.json at the repository root, embedded so the binary never reads it.
///
/// A test compares this literal with the file byte for byte; edit both together.
public enum DefaultKeymap {
    /// The defaults, as JSON (the same shape a user keymap file has).
    public static let json: String = #"""
        {
          "version": 1,
          "contexts": {
            "global": { "quit": ["q", "<C-c>"], "help": ["?", "<F1>"], "refresh": ["R", "<C-r>"],
                        "messages": "M", "history": "H" },
            "list":   { "cursor.up": ["<Up>", "k"], "cursor.down": ["<Down>", "j"],
                        "page.up": ["<PgUp>", "<C-b>"], "page.down": ["<PgDn>", "<C-f>"],
                        "cursor.top": ["g", "<Home>"], "cursor.bottom": ["G", "<End>"],
                        "open": ["<Enter>", "l"], "filter": "/", "filter.clear": "<Esc>", "filter.review": "r",
                        "sort.next": "s", "sort.reverse": "S",
                        "mark.toggle": "<Space>", "mark.allVisible": "*", "mark.clear": "U", "mark.undo": "u",
                        "approve": "a", "reject": "x", "refresh.pause": "p", "preview.toggle": "v",
                        "copy.id": "c", "copy.sub": "C",
                        "match.next": "n", "match.prev": "N", "command": ":",
                        "sort.left": "<lt>", "sort.right": ">" },
            "detail": { "back": ["<Esc>", "h", "<Left>"],
                        "scroll.up": ["<Up>", "k"], "scroll.down": ["<Down>", "j"],
                        "item.next": "J", "item.prev": "K", "approve": "a", "reject": "x",
                        "mark.toggle": "<Space>", "copy.id": "c", "copy.sub": "C",
                        "search": "/", "match.next": "n", "match.prev": "N" },
            "dialog": { "confirm": "y", "cancel": ["n", "<Esc>"], "focus.next": ["<Tab>", "<Right>"],
                        "focus.prev": ["<S-Tab>", "<Left>"], "activate": "<Enter>",
                        "scope.one": "o", "scope.marked": "m",
                        "scroll.up": ["<Up>", "k"], "scroll.down": ["<Down>", "j"],
                        "page.up": "<PgUp>", "page.down": "<PgDn>" },
            "prompt": { "submit": "<Enter>", "cancel": "<Esc>", "delete.word": "<C-w>", "clear": "<C-u>",
                        "preset.next": ["<Tab>", "<Down>"], "preset.prev": ["<S-Tab>", "<Up>"],
                        "cursor.left": "<Left>", "cursor.right": "<Right>",
                        "line.start": ["<Home>", "<C-a>"], "line.end": ["<End>", "<C-e>"],
                        "page.up": "<PgUp>", "page.down": "<PgDn>" },
            "help":   { "close": ["<Esc>", "?", "q"],
                        "scroll.up": ["<Up>", "k"], "scroll.down": ["<Down>", "j"] },
            "progress": { "batch.stop": ["<Esc>", "<C-c>"], "batch.hide": "<Enter>" }
          }
        }

        """#
}
