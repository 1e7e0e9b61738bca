#!/usr/bin/env python3
"""Helpers of scripts/reliability.sh: sandbox snapshots, the 429 fault pump, the key-swapping proxy, and the
invariant checks over /_sandbox/stats, the sandbox's requests and vendor subscriptions, and the journals.

Standard library only. Every check prints one line, `PASS name: detail` or `FAIL name: detail`; the shell script
counts them. Everything talks to 127.0.0.1 only.
"""

import argparse
import concurrent.futures
import http.client
import http.server
import json
import os
import random
import sqlite3
import sys
import threading
import time
import urllib.parse

SANDBOX_KEY = "ApiKey SU-000-000-000:sandbox"
PRODUCTS = ["PRD-276-377-545", "PRD-418-902-113", "PRD-530-551-886", "PRD-845-221-690"]
FINAL = {"approved", "rejected", "done_by_other", "needs_review", "skipped"}
# The sandbox's seeded permanent vendor refusals (ConnectSandbox/VendorSeed.swift): the only vendor answers for
# which a request may end in review.
PERMANENT_REFUSALS = ("under a legal hold", "unpaid invoices", "requested by the reseller of record",
                      "being migrated to another region")


# ---------------------------------------------------------------------------------------------- HTTP helpers


class Client:
    """One keep-alive connection to the sandbox (reconnects on error)."""

    def __init__(self, base):
        parsed = urllib.parse.urlparse(base)
        assert parsed.hostname in ("127.0.0.1", "localhost", "::1"), "loopback only"
        self.host, self.port = parsed.hostname, parsed.port
        self.conn = None

    def request(self, method, path, body=None, headers=None, attempts=5):
        headers = dict(headers or {})
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        for attempt in range(attempts):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
                self.conn.request(method, path, body=data, headers=headers)
                response = self.conn.getresponse()
                payload = response.read()
                return response.status, dict(response.getheaders()), payload
            except (OSError, http.client.HTTPException):
                if self.conn is not None:
                    self.conn.close()
                self.conn = None
                if attempt == attempts - 1:
                    raise
                time.sleep(0.2 * (attempt + 1))
        raise RuntimeError("unreachable")

    def json(self, method, path, body=None, headers=None):
        status, _, payload = self.request(method, path, body, headers)
        if status != 200:
            raise RuntimeError(f"{method} {path}: HTTP {status}: {payload[:200]!r}")
        return json.loads(payload)


def stats(base):
    return Client(base).json("GET", "/_sandbox/stats")


def list_requests(client):
    """Every request the sandbox holds (all types and statuses), page by page; the sandbox's own faults are
    cleared first so a listing is never the victim of an injected 5xx or 429."""
    requests, offset, total = [], 0, None
    for _ in range(10_000):
        status, headers, payload = client.request(
            "GET", f"/public/v1/requests?limit=100&offset={offset}", headers={"Authorization": SANDBOX_KEY})
        if status in (429, 500, 502, 503, 504):
            time.sleep(0.2)
            continue
        if status != 200:
            raise RuntimeError(f"listing: HTTP {status}: {payload[:200]!r}")
        page = json.loads(payload)
        header = {k.lower(): v for k, v in headers.items()}.get("content-range", "")
        if header.startswith("items ") and "/" in header:
            total = int(header.rsplit("/", 1)[1])
        requests.extend(page)
        offset += len(page)
        if not page or (total is not None and offset >= total):
            break
    return requests


def subscription_of(request, parameter="subscription_id"):
    for param in (request.get("asset") or {}).get("params") or []:
        if param.get("id") == parameter:
            return param.get("value") or ""
    return ""


def in_scope(request):
    product = ((request.get("asset") or {}).get("product") or {}).get("id")
    return request.get("type") == "cancel" and request.get("status") == "pending" and product in PRODUCTS


def vendor_state(client, subscription):
    if not subscription or "/" in subscription or len(subscription) > 200:
        return None
    status, _, payload = client.request("GET", "/vendor/v1/subscriptions/" + urllib.parse.quote(subscription, safe=""))
    if status != 200:
        return None
    return json.loads(payload)


def vendor_states(base, subscriptions, workers=16):
    """The vendor's view of many subscriptions, on parallel keep-alive connections (the sandbox may add latency)."""
    local = threading.local()

    def one(subscription):
        if not hasattr(local, "client"):
            local.client = Client(base)
        return vendor_state(local.client, subscription)

    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(one, subscriptions))


def snapshot(base):
    """Statuses of every request, the in-scope queue with subscription ids, the vendor's view, and the stats."""
    client = Client(base)
    requests = list_requests(client)
    queued = [(r["id"], subscription_of(r)) for r in requests if in_scope(r)]
    states = vendor_states(base, [subscription for _, subscription in queued])
    queue = {rid: {"subscription": sub, "vendor": state} for (rid, sub), state in zip(queued, states)}
    return {
        "statuses": {r["id"]: r.get("status") for r in requests},
        "types": {r["id"]: r.get("type") for r in requests},
        "queue": queue,
        "stats": client.json("GET", "/_sandbox/stats"),
    }


# ---------------------------------------------------------------------------------------------- commands


def cmd_urls(args):
    """Prints `CONNECT VENDOR BASE` from a sandbox's stdout, waiting (bounded) for its two lines."""
    deadline = time.time() + args.timeout
    while time.time() < deadline:
        try:
            lines = open(args.file).read().split("\n")
        except OSError:
            lines = []
        connect = next((l.split()[1] for l in lines if l.startswith("connect ")), None)
        vendor = next((l.split()[1] for l in lines if l.startswith("vendor ")), None)
        if connect and vendor:
            parsed = urllib.parse.urlparse(connect)
            print(connect, vendor, f"http://{parsed.hostname}:{parsed.port}")
            return 0
        time.sleep(0.1)
    print("the sandbox printed no URLs", file=sys.stderr)
    return 1


def cmd_stats(args):
    print(json.dumps(stats(args.base), sort_keys=True))
    return 0


def cmd_snapshot(args):
    data = snapshot(args.base)
    with open(args.out, "w") as f:
        json.dump(data, f)
    print(f"{len(data['statuses'])} requests, {len(data['queue'])} pending cancels in scope")
    return 0


def cmd_pump(args):
    """Keeps 429s with Retry-After at about `share` of the vendor cancel calls and of the Connect calls, spread
    over the run: every interval it replaces the scripted faults with 429 rules sized on the calls seen in the
    last interval. Stops after `seconds` or when the parent kills it. Writes what it injected to `--report`."""
    client = Client(args.base)
    last = client.json("GET", "/_sandbox/stats")
    carry_vendor = carry_connect = 0.0
    injected = {"vendor": 0, "connect": 0}
    end = time.time() + args.seconds
    rng = random.Random(args.seed)
    while time.time() < end:
        time.sleep(args.interval)
        try:
            now = client.json("GET", "/_sandbox/stats")
        except Exception:
            continue
        vendor_calls = now["vendor_cancel_calls"] - last["vendor_cancel_calls"]
        # Connect calls per approve: the re-read before the pivot, the approve, and a share of listing.
        connect_calls = 2 * (now["approve_calls"] - last["approve_calls"]) + 1
        last = now
        carry_vendor += args.share * vendor_calls
        carry_connect += args.share * connect_calls
        rules = []
        if carry_vendor >= 1:
            count = int(carry_vendor)
            carry_vendor -= count
            injected["vendor"] += count
            rules.append({"method": "POST", "path_prefix": "/vendor/v1/subscriptions", "status": 429,
                          "retry_after": rng.choice(["1", "2"]), "count": count})
        if carry_connect >= 1:
            count = int(carry_connect)
            carry_connect -= count
            injected["connect"] += count
            rules.append({"method": rng.choice(["GET", "POST"]), "path_prefix": "/public/v1/requests",
                          "status": 429, "retry_after": "1", "count": count})
        try:
            client.json("POST", "/_sandbox/faults", {"rules": rules})
        except Exception:
            pass
        if args.report:
            with open(args.report, "w") as f:
                json.dump(injected, f)
    return 0


def cmd_proxy(args):
    """A reverse proxy for the Connect API that accepts the canary key and forwards with the sandbox's key, so a
    full run can use a recognisable fake key. Counts the requests that carried the canary (`--count-file`)."""
    upstream = urllib.parse.urlparse(args.upstream)
    assert upstream.hostname in ("127.0.0.1", "localhost"), "loopback only"
    seen = {"canary": 0, "other": 0}
    lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a):
            pass

        def forward(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection", "authorization")}
            auth = self.headers.get("Authorization", "")
            with lock:
                seen["canary" if auth == args.canary else "other"] += 1
                with open(args.count_file, "w") as f:
                    json.dump(seen, f)
            headers["Authorization"] = SANDBOX_KEY if auth == args.canary else auth
            conn = http.client.HTTPConnection(upstream.hostname, upstream.port, timeout=60)
            try:
                conn.request(self.command, self.path, body=body, headers=headers)
                response = conn.getresponse()
                payload = response.read()
                self.send_response(response.status)
                for k, v in response.getheaders():
                    if k.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except OSError:
                self.send_response(502)
                self.send_header("Content-Length", "0")
                self.end_headers()
            finally:
                conn.close()

        do_GET = do_POST = do_PUT = do_DELETE = forward

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.handle_error = lambda request, address: None  # a client that hangs up is not news
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(args.port_file + ".tmp", args.port_file)
    threading.Timer(args.seconds, server.shutdown).start()
    server.serve_forever()
    return 0


# ---------------------------------------------------------------------------------------------- invariants


class Report:
    def __init__(self, label):
        self.label = label
        self.failed = 0

    def check(self, name, ok, detail):
        line = f"{'PASS' if ok else 'FAIL'} {self.label}: {name}: {detail}"
        print(line, flush=True)
        if not ok:
            self.failed += 1


def read_history(paths):
    """(journal index, row) for every `history --json` line of every journal."""
    rows = []
    for index, path in enumerate(paths):
        with open(path) as f:
            for line in f:
                line = line.strip()
                if line.startswith("{"):
                    row = json.loads(line)
                    if row.get("event") == "history":
                        rows.append((index, row))
    return rows


def integrity(path):
    uri = "file:" + urllib.parse.quote(path) + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=30)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def sample(items, n=5):
    items = sorted(items)
    return ", ".join(items[:n]) + (f" … (+{len(items) - n})" if len(items) > n else "")


def cmd_check(args):
    report = Report(args.label)
    before = json.load(open(args.before))
    client = Client(args.base)
    after_requests = {r["id"]: r for r in list_requests(client)}
    after = {rid: r.get("status") for rid, r in after_requests.items()}
    final_stats = client.json("GET", "/_sandbox/stats")
    start_stats = before["stats"]
    queue = before["queue"]
    rows = read_history(args.history)

    # Per request: the final state in each journal, states seen, keys used, modes.
    final_state = {}  # (journal, request) -> state
    states = {}  # request -> set of states in any journal
    keys_by_request, keys_by_subscription, subscription_by_request = {}, {}, {}
    vendor_status = {}  # request -> vendor messages of its vendor_refused rows
    review_reason = {}
    rejected_by = {}  # request -> set of modes that recorded `rejected`
    for journal, row in rows:
        rid = row["request"]
        final_state[(journal, rid)] = row["state"]
        states.setdefault(rid, set()).add(row["state"])
        if row.get("idempotency_key"):
            keys_by_request.setdefault(rid, set()).add(row["idempotency_key"])
            if row.get("subscription"):
                keys_by_subscription.setdefault(row["subscription"], set()).add(row["idempotency_key"])
        if row.get("subscription"):
            subscription_by_request[rid] = row["subscription"]
        if row["state"] == "vendor_refused":
            vendor_status.setdefault(rid, []).append(row.get("vendor_message") or "")
        if row["state"] == "needs_review":
            review_reason[rid] = row.get("reason") or ""
        if row["state"] == "rejected":
            rejected_by.setdefault(rid, set()).add(row.get("mode"))
    finals_of = {}
    for (journal, rid), state in final_state.items():
        finals_of.setdefault(rid, set()).add(state)

    # I1: at most one vendor cancel per subscription.
    twice = final_stats["vendor_subscriptions_cancelled_twice"]
    report.check("I1 no subscription cancelled twice at the vendor", not twice,
                 f"cancelled_twice={twice[:5]}; applied {final_stats['vendor_cancels_applied'] - start_stats['vendor_cancels_applied']}, "
                 f"duplicates absorbed {final_stats['vendor_duplicates_absorbed'] - start_stats['vendor_duplicates_absorbed']}, "
                 f"already-cancelled answers {final_stats['vendor_already_cancelled'] - start_stats['vendor_already_cancelled']}")
    many_keys = [s for s, k in keys_by_subscription.items() if len(k) > 1]
    report.check("I1 one idempotency key per subscription in every journal", not many_keys,
                 f"{len(keys_by_subscription)} subscriptions; with several keys: {sample(many_keys)}")

    # Vendor state now for every queued subscription.
    ids = list(queue)
    vendor_now = dict(zip(ids, vendor_states(args.base, [queue[rid]["subscription"] for rid in ids])))

    def cancelled_now_by(rid):
        state = vendor_now.get(rid)
        return bool(state and state.get("status") == "cancelled")

    def cancelled_during_run(rid):
        was = queue[rid]["vendor"]
        return cancelled_now_by(rid) and not (was and was.get("status") == "cancelled")

    # I2: every vendor cancel ends with its request approved or in needs_review.
    vendor_cancelled = {rid for rid, s in states.items() if "vendor_cancelled" in s}
    lost = [rid for rid in vendor_cancelled if after.get(rid) != "approved" and "needs_review" not in finals_of.get(rid, set())]
    report.check("I2 every vendor cancel ends approved or needs_review (journal + Connect)", not lost,
                 f"{len(vendor_cancelled)} requests with vendor_cancelled; not approved and not in review: {sample(lost)}")
    cancelled_in_run = [rid for rid in queue if cancelled_during_run(rid)]
    lost_vendor = [rid for rid in cancelled_in_run if after.get(rid) != "approved" and "needs_review" not in finals_of.get(rid, set())]
    report.check("I2 every subscription the vendor cancelled has its request approved or in review (vendor view)",
                 not lost_vendor,
                 f"{len(cancelled_in_run)} cancelled during the run (stats: {final_stats['vendor_cancels_applied'] - start_stats['vendor_cancels_applied']} applied); undecided: {sample(lost_vendor)}")
    approved_now = [rid for rid in queue if after.get(rid) == "approved"]
    unbacked = [rid for rid in approved_now if not cancelled_now_by(rid) or "vendor_cancelled" not in states.get(rid, set())]
    report.check("I2 every approved request was cancelled at the vendor first", not unbacked,
                 f"{len(approved_now)} approved; without a vendor cancel or its journal row: {sample(unbacked)}")

    # I3: no request failed because of a transient fault.
    fail_calls = final_stats["fail_calls"] - start_stats["fail_calls"]
    failed_now = [rid for rid in queue if after.get(rid) == "failed"]
    operator_rejects = [rid for rid in failed_now if "cli" in rejected_by.get(rid, set())]
    auto_rejects = [rid for rid, modes in rejected_by.items() if "auto" in modes]
    # With auto.on_vendor_refusal = reject, --auto may fail a request, but only after a permanent vendor refusal.
    refused = [rid for rid in auto_rejects
               if any(p in m for m in vendor_status.get(rid, []) for p in PERMANENT_REFUSALS)]
    unexplained_rejects = sorted(set(auto_rejects) - set(refused)) if args.reject_policy else auto_rejects
    expected = (len(operator_rejects) if args.operator else 0) + (len(refused) if args.reject_policy else 0)
    report.check("I3 no request failed because of a transient fault",
                 fail_calls == expected and len(failed_now) == expected and not unexplained_rejects,
                 f"fail_calls {fail_calls}, failed requests {len(failed_now)}, operator rejects {len(operator_rejects)}, "
                 f"auto rejects after a permanent refusal {len(refused)}, other auto rejects {len(unexplained_rejects)}"
                 + (f": {sample(unexplained_rejects)}" if unexplained_rejects else ""))

    # I4: journal integrity.
    for path in args.journal:
        result = integrity(path)
        report.check(f"I4 journal integrity_check ({os.path.basename(os.path.dirname(path))})", result == "ok", result)

    # Drained: nothing half-done, nothing left pending that is not in review.
    unfinished = [f"{rid}@{j}" for (j, rid), state in final_state.items() if state not in FINAL]
    report.check("drained: no journal row left half-done", not unfinished, f"unfinished: {sample(unfinished)}")
    pending = [rid for rid in queue if after.get(rid) == "pending"]
    undecided = [rid for rid in pending if not (finals_of.get(rid, set()) & {"needs_review", "skipped"})]
    report.check("drained: every request still pending is in review", not undecided,
                 f"{len(queue)} queued: {len(approved_now)} approved, {len(failed_now)} failed, {len(pending)} pending; "
                 f"pending without a review row: {sample(undecided)}")

    # Review only for causes that are not transient.
    unexplained = []
    for rid in pending:
        if "needs_review" not in finals_of.get(rid, set()):
            continue
        subscription = queue[rid]["subscription"]
        permanent = [m for m in vendor_status.get(rid, []) if any(p in m for p in PERMANENT_REFUSALS)]
        missing = not subscription
        if not (permanent or missing):
            unexplained.append(f"{rid} ({review_reason.get(rid, '')[:120]})")
    report.check("needs_review only for a permanent vendor refusal or bad data, never a transient fault",
                 not unexplained, f"unexplained: {sample(unexplained)}")

    # Nothing outside the queue changed.
    changed = [rid for rid, status in before["statuses"].items() if rid not in queue and after.get(rid) != status]
    report.check("nothing outside the served queue changed", not changed, f"changed: {sample(changed)}")

    with open(args.figures, "w") if args.figures else open(os.devnull, "w") as f:
        json.dump({
            "queued": len(queue), "approved": len(approved_now), "failed": len(failed_now), "pending": len(pending),
            "stats": {k: (v - start_stats.get(k, 0) if isinstance(v, int) else v) for k, v in final_stats.items()},
        }, f, sort_keys=True)
    return 1 if report.failed else 0


def cmd_secrets(args):
    """FAIL when any canary appears in any of the files (text or binary, the journal's WAL included)."""
    report = Report(args.label)
    hits = []
    scanned = 0
    for path in args.files:
        if not os.path.isfile(path):
            continue
        data = open(path, "rb").read()
        scanned += 1
        for canary in args.canary:
            for needle in {canary.encode(), canary.encode("utf-16-le")}:
                if needle in data:
                    hits.append(f"{os.path.basename(path)} holds {canary[:12]}…")
    report.check("no canary in any output, log, journal or crash message", not hits,
                 f"{scanned} files scanned for {len(args.canary)} canaries; found: {sample(hits)}")
    return 1 if report.failed else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("urls"); p.add_argument("file"); p.add_argument("--timeout", type=float, default=60)
    p.set_defaults(run=cmd_urls)
    p = sub.add_parser("stats"); p.add_argument("base"); p.set_defaults(run=cmd_stats)
    p = sub.add_parser("snapshot"); p.add_argument("base"); p.add_argument("out"); p.set_defaults(run=cmd_snapshot)
    p = sub.add_parser("pump")
    p.add_argument("base"); p.add_argument("--share", type=float, default=0.05)
    p.add_argument("--interval", type=float, default=1.0); p.add_argument("--seconds", type=float, default=3600)
    p.add_argument("--seed", type=int, default=5); p.add_argument("--report")
    p.set_defaults(run=cmd_pump)
    p = sub.add_parser("proxy")
    p.add_argument("--upstream", required=True); p.add_argument("--canary", required=True)
    p.add_argument("--port-file", required=True); p.add_argument("--count-file", required=True)
    p.add_argument("--seconds", type=float, default=3600)
    p.set_defaults(run=cmd_proxy)
    p = sub.add_parser("check")
    p.add_argument("--label", required=True); p.add_argument("--base", required=True)
    p.add_argument("--before", required=True); p.add_argument("--history", action="append", default=[])
    p.add_argument("--journal", action="append", default=[]); p.add_argument("--operator", action="store_true")
    p.add_argument("--reject-policy", action="store_true", help="auto.on_vendor_refusal is reject")
    p.add_argument("--figures")
    p.set_defaults(run=cmd_check)
    p = sub.add_parser("secrets")
    p.add_argument("--label", required=True); p.add_argument("--canary", action="append", required=True)
    p.add_argument("files", nargs="*")
    p.set_defaults(run=cmd_secrets)
    args = parser.parse_args()
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
