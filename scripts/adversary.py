#!/usr/bin/env python3
"""The adversary of issue 9: the real `canceldesk` binary against a hostile Connect and a hostile vendor.

A fresh `canceldesk sandbox` plays honest Connect and vendor on 127.0.0.1 for each case; a proxy in this script sits
in front of it and answers what no honest server sends (another request's body, an echoed key, a body that never
finishes, a listing that never ends, a proxy's HTML page). Each case runs canceldesk as a new user would and checks
that nothing wrong was done remotely, nothing secret appeared, no file it does not own changed, and every run ended
on its own or within its bound after SIGTERM.

    scripts/adversary.py [--bin PATH] [CASE ...]      (cases: 1 … 12; default all)

Standard library only; everything talks to 127.0.0.1. Prints `PASS case N: …` / `FAIL case N: …` per check and
`N passed, M failed`; exits 1 on a failure.
"""

import argparse
import http.client
import http.server
import json
import re
import os
import resource
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

SANDBOX_KEY = "ApiKey SU-000-000-000:sandbox"
CONNECT_CANARY = "ApiKey SU-111-222-333:c0nnect-s3cret-canary"
VENDOR_CANARY = "v3ndor-s3cret-canary"
PRODUCTS = {"PRD-276-377-545": "TL-276-377-101", "PRD-418-902-113": "TL-418-902-101",
            "PRD-530-551-886": "TL-530-551-101", "PRD-845-221-690": "TL-845-221-101"}

results = []


def check(case, name, ok, detail=""):
    results.append(ok)
    print(f"{'PASS' if ok else 'FAIL'} case {case}: {name}{(' — ' + detail) if detail else ''}", flush=True)


# ------------------------------------------------------------------------------------------------ the sandbox


class Sandbox:
    """`canceldesk sandbox` on a free port, with few requests and no injected faults."""

    def __init__(self, binary, requests=6):
        self.proc = subprocess.Popen(
            [binary, "sandbox", "--port", "0", "--requests", str(requests), "--seed", "9"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.connect = self.proc.stdout.readline().split()[1]
        self.vendor = self.proc.stdout.readline().split()[1]
        parsed = urllib.parse.urlparse(self.connect)
        self.port = parsed.port

    def call(self, method, path, body=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        headers = {"Authorization": SANDBOX_KEY}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        conn.request(method, path, body=data, headers=headers)
        response = conn.getresponse()
        payload = response.read()
        conn.close()
        return response.status, payload

    def request(self, request_id):
        return json.loads(self.call("GET", f"/public/v1/requests/{request_id}")[1])

    def pending(self):
        query = "/public/v1/requests?and(eq(type,cancel),eq(status,pending))&limit=100&offset=0"
        return [r for r in json.loads(self.call("GET", query)[1]) if r["asset"]["product"]["id"] in PRODUCTS]

    def stats(self):
        return json.loads(self.call("GET", "/_sandbox/stats")[1])

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def subscription(request):
    for param in request["asset"].get("params", []):
        if param["id"] == "subscription_id":
            return param.get("value", "")
    return ""


# -------------------------------------------------------------------------------------------------- the proxy


class Proxy:
    """Forwards to the sandbox (swapping in its key) unless `hostile(method, path, query, headers, body)` answers:
    it returns None to forward, or (status, headers, body_bytes, pause_seconds_per_byte_or_0)."""

    def __init__(self, sandbox, hostile):
        self.sandbox = sandbox
        self.hostile = hostile
        self.calls = []  # (method, path, headers, body)
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def handle_one(self, method):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                path, _, query = self.path.partition("?")
                headers = {k.lower(): v for k, v in self.headers.items()}
                proxy.calls.append((method, path, headers, body))
                answer = proxy.hostile(method, path, query, headers, body)
                if answer is None:
                    answer = proxy.forward(method, self.path, headers, body)
                status, out_headers, payload, pause = answer
                try:
                    self.send_response(status)
                    for name, value in out_headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    if pause:
                        for byte in payload:
                            self.wfile.write(bytes([byte]))
                            self.wfile.flush()
                            time.sleep(pause)
                    else:
                        self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def do_GET(self):
                self.handle_one("GET")

            def do_POST(self):
                self.handle_one("POST")

            def do_PUT(self):
                self.handle_one("PUT")

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.handle_error = lambda request, address: None  # a client hanging up is the client's business
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def connect(self):
        return f"http://127.0.0.1:{self.port}/public/v1"

    @property
    def vendor(self):
        return f"http://127.0.0.1:{self.port}/vendor/v1"

    def forward(self, method, target, headers, body):
        conn = http.client.HTTPConnection("127.0.0.1", self.sandbox.port, timeout=30)
        out = {k: v for k, v in headers.items() if k in ("content-type", "idempotency-key", "accept")}
        out["Authorization"] = SANDBOX_KEY if target.startswith("/public/") else headers.get("authorization", "")
        if not out["Authorization"]:
            del out["Authorization"]
        conn.request(method, target, body=body or None, headers=out)
        response = conn.getresponse()
        payload = response.read()
        keep = {k: v for k, v in response.getheaders() if k.lower() in ("content-type", "content-range", "retry-after")}
        conn.close()
        return response.status, keep, payload, 0

    def vendor_calls(self):
        """(subscription id in the path, idempotency key, request id in the body) of every vendor cancel."""
        calls = []
        for method, path, headers, body in self.calls:
            if method == "POST" and path.startswith("/vendor/v1/subscriptions/") and path.endswith("/cancel"):
                sub = urllib.parse.unquote(path.split("/")[4])
                try:
                    request_id = json.loads(body).get("request_id", "")
                except ValueError:
                    request_id = ""
                calls.append((sub, headers.get("idempotency-key", ""), request_id))
        return calls

    def actions(self, verb):
        return [p.split("/")[4] for m, p, _, _ in self.calls if m == "POST" and p.endswith("/" + verb)]

    def stop(self):
        self.server.shutdown()


# --------------------------------------------------------------------------------------------- running canceldesk


class Workspace:
    def __init__(self, root, name, connect, vendor, refusal="review"):
        self.dir = os.path.join(root, name)
        os.makedirs(self.dir, mode=0o700)
        self.config = os.path.join(self.dir, "config.json")
        self.journal = os.path.join(self.dir, "journal.sqlite")
        with open(self.config, "w") as f:
            json.dump({"connect": {"url": connect, "products": list(PRODUCTS), "templates": PRODUCTS},
                       "vendor": {"url": vendor}, "journal": self.journal,
                       # The sandbox assigns a few requests to people; the cases work the whole queue.
                       "auto": {"on_vendor_refusal": refusal, "take_assigned": True}}, f)
        os.chmod(self.config, 0o600)

    def env(self, **extra):
        env = {"PATH": os.environ["PATH"], "HOME": self.dir, "LANG": "C.UTF-8", "CANCELDESK_CONFIG": self.config,
               "CONNECT_API_KEY": SANDBOX_KEY, "CANCELDESK_LOG_LEVEL": "trace"}
        env.update(extra)
        return env


class Run:
    def __init__(self, code, out, err, seconds):
        self.code, self.out, self.err, self.seconds = code, out, err, seconds

    def summary(self):
        for line in reversed(self.out.splitlines()):
            if line.startswith("{"):
                try:
                    event = json.loads(line)
                except ValueError:
                    continue
                if event.get("event") == "summary":
                    return event
        return None


def run(binary, args, env, timeout=120, term_after=None, stdin=None):
    started = time.monotonic()
    proc = subprocess.Popen([binary] + args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            stdin=subprocess.DEVNULL, start_new_session=True)
    if term_after is not None:
        try:
            out, err = proc.communicate(timeout=term_after)
            return Run(proc.returncode, out, err, time.monotonic() - started)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGTERM)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        return Run(-9, out, err, time.monotonic() - started)
    return Run(proc.returncode, out, err, time.monotonic() - started)


def journal_states(path):
    """Each request's latest journal state."""
    if not os.path.exists(path):
        return {}
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return dict(db.execute("select request_id, state from request_state").fetchall())
    finally:
        db.close()


def journal_text(path):
    text = ""
    for suffix in ("", "-wal"):
        if os.path.exists(path + suffix):
            with open(path + suffix, "rb") as f:
                text += f.read().decode("utf-8", "replace")
    return text


def generic_invariants(case, proxy, sandbox):
    """No subscription cancelled under two keys; every vendor call for the request's own subscription; every
    approve preceded by a cancel of that request's own subscription."""
    calls = proxy.vendor_calls()
    keys = {}
    for sub, key, _ in calls:
        keys.setdefault(sub, set()).add(key)
    twice = [s for s, k in keys.items() if len(k) > 1]
    check(case, "no subscription is cancelled under two idempotency keys", not twice, ", ".join(twice))
    wrong = []
    for sub, _, request_id in calls:
        if request_id and subscription(sandbox.request(request_id)) != sub:
            wrong.append(f"{request_id}→{sub}")
    check(case, "every vendor call is for its request's own subscription", not wrong, ", ".join(wrong))
    unbacked = []
    for request_id in proxy.actions("approve"):
        own = subscription(sandbox.request(request_id))
        if not any(sub == own for sub, _, _ in calls):
            unbacked.append(request_id)
    check(case, "every approve follows a vendor cancel of that request's subscription", not unbacked,
          ", ".join(unbacked))


# ----------------------------------------------------------------------------------------------------- the cases


def case1(binary, root):
    """GET /requests/A answers with request B's body."""
    sandbox = Sandbox(binary)
    try:
        pending = sandbox.pending()
        a, b = pending[0], pending[1]
        b_body = json.dumps(sandbox.request(b["id"])).encode()

        def hostile(method, path, query, headers, body):
            if method == "GET" and path == f"/public/v1/requests/{a['id']}":
                return 200, {"Content-Type": "application/json"}, b_body, 0
            return None

        proxy = Proxy(sandbox, hostile)
        ws = Workspace(root, "case1", proxy.connect, proxy.vendor)
        result = run(binary, ["--auto", "--json", "--concurrency", "1"], ws.env())
        check(1, "run ends", result.code != -9, f"exit {result.code}")
        generic_invariants(1, proxy, sandbox)
        check(1, "A is not approved", sandbox.request(a["id"])["status"] == "pending",
              sandbox.request(a["id"])["status"])
        b_keys = {k for s, k, _ in proxy.vendor_calls() if s == subscription(b)}
        check(1, "B's subscription is cancelled under one key at most", len(b_keys) <= 1, str(len(b_keys)))
        proxy.stop()
    finally:
        sandbox.stop()


def case2(binary, root):
    """POST /requests/A/approve answers 200 with another request's body; then an honest rerun."""
    sandbox = Sandbox(binary)
    try:
        pending = sandbox.pending()
        a, b = pending[0], pending[1]
        honest = {"on": False}

        def hostile(method, path, query, headers, body):
            if not honest["on"] and method == "POST" and path.endswith("/approve"):
                own = path.split("/")[4]
                other = sandbox.request(b["id"] if own != b["id"] else a["id"])
                other["status"] = "approved"
                return 200, {"Content-Type": "application/json"}, json.dumps(other).encode(), 0
            return None

        proxy = Proxy(sandbox, hostile)
        ws = Workspace(root, "case2", proxy.connect, proxy.vendor)
        result = run(binary, ["--auto", "--json", "--concurrency", "4"], ws.env(), timeout=400)
        states = journal_states(ws.journal)
        still_pending = [r["id"] for r in sandbox.pending()]
        lying = [r for r in still_pending if states.get(r) in ("approved", "rejected", "done_by_other")]
        check(2, "no request journaled final while Connect shows it pending", not lying, ", ".join(lying))
        summary = result.summary() or {}
        check(2, "nothing reported approved", summary.get("approved", -1) == 0, json.dumps(summary))
        vendor_before = len(proxy.vendor_calls())
        honest["on"] = True
        rerun = run(binary, ["--auto", "--json", "--concurrency", "4"], ws.env(), timeout=400)
        cancelled_subs = {s for s, _, _ in proxy.vendor_calls()[:vendor_before]}
        left = [r["id"] for r in sandbox.pending() if subscription(r) in cancelled_subs]
        check(2, "an honest rerun approves every request whose subscription was cancelled", not left,
              f"exit {rerun.code}, still pending: {left}")
        again = [s for s, _, _ in proxy.vendor_calls()[vendor_before:] if s in cancelled_subs]
        check(2, "the rerun makes no new vendor call for subscriptions already cancelled", not again,
              ", ".join(again))
        generic_invariants(2, proxy, sandbox)
        proxy.stop()
    finally:
        sandbox.stop()


def case3(binary, root):
    """The vendor answers 409 "already cancelled" naming a different subscription."""
    sandbox = Sandbox(binary)
    try:
        pending = sandbox.pending()
        a, b = pending[0], pending[1]

        def hostile(method, path, query, headers, body):
            if method == "POST" and path == f"/vendor/v1/subscriptions/{subscription(a)}/cancel":
                text = json.dumps({"error": "already_cancelled", "subscription_id": subscription(b),
                                   "message": f"Subscription {subscription(b)} is already cancelled"})
                return 409, {"Content-Type": "application/json"}, text.encode(), 0
            return None

        proxy = Proxy(sandbox, hostile)
        ws = Workspace(root, "case3", proxy.connect, proxy.vendor)
        run(binary, ["--auto", "--json", "--concurrency", "2"], ws.env())
        check(3, "A is not approved", a["id"] not in proxy.actions("approve"))
        check(3, "A is not rejected", a["id"] not in proxy.actions("fail"))
        check(3, "A is left for review", journal_states(ws.journal).get(a["id"]) == "needs_review",
              str(journal_states(ws.journal).get(a["id"])))
        proxy.stop()
    finally:
        sandbox.stop()


def case4(binary, root):
    """A listing that never ends (no Content-Range, offset ignored) and an absurd total."""
    for variant in ("same-page", "huge-total"):
        sandbox = Sandbox(binary, requests=30)
        try:
            def hostile(method, path, query, headers, body, variant=variant):
                if method == "GET" and path == "/public/v1/requests":
                    # Every page is asked as the first (the offset ignored): the same page, forever.
                    status, out, payload, _ = proxy.forward(
                        method, path + "?" + re.sub(r"offset=\d+", "offset=0", query), headers, body)
                    out.pop("Content-Range", None)
                    out.pop("content-range", None)
                    if variant == "huge-total":
                        out["Content-Range"] = "items 0-0/999999999999"
                    return status, out, payload, 0
                return None

            proxy = Proxy(sandbox, hostile)
            ws = Workspace(root, f"case4-{variant}", proxy.connect, proxy.vendor)
            result = run(binary, ["--auto", "--json"], ws.env(), timeout=90)
            check(4, f"{variant}: the run ends by itself", result.code != -9, f"{result.seconds:.1f} s")
            check(4, f"{variant}: nothing is acted on", not proxy.vendor_calls() and not proxy.actions("approve"))
            named = [l for l in (result.out + result.err).splitlines() if "listing" in l and " debug " not in l]
            check(4, f"{variant}: the reason is named", bool(named), (named or ["(none)"])[0][:200])
            proxy.stop()
        finally:
            sandbox.stop()


def case5(binary, root):
    """Bodies that trickle one byte every 5 s: the listing, then a vendor cancel; SIGTERM must end the run."""
    for variant in ("listing", "vendor"):
        sandbox = Sandbox(binary)
        try:
            def hostile(method, path, query, headers, body, variant=variant):
                if variant == "listing" and method == "GET" and path == "/public/v1/requests":
                    status, out, payload, _ = proxy.forward(method, path + "?" + query, headers, body)
                    return status, out, payload, 5
                if variant == "vendor" and method == "POST" and path.startswith("/vendor/"):
                    return 200, {"Content-Type": "application/json"}, b'{"status":"cancelled","message":"ok"}', 5
                return None

            proxy = Proxy(sandbox, hostile)
            ws = Workspace(root, f"case5-{variant}", proxy.connect, proxy.vendor)
            result = run(binary, ["--auto", "--json"], ws.env(CANCELDESK_STOP_GRACE_SECONDS="5"), timeout=60,
                         term_after=4)
            check(5, f"{variant}: SIGTERM ends the run within the grace bound", result.code != -9 and
                  result.seconds < 4 + 5 + 10, f"{result.seconds:.1f} s, exit {result.code}")
            check(5, f"{variant}: the summary is written", result.summary() is not None)
            check(5, f"{variant}: nothing is approved on an unfinished answer", not proxy.actions("approve"))
            proxy.stop()
        finally:
            sandbox.stop()


def case6(binary, root):
    """Transient answers and a proxy's HTML page never become a customer-visible rejection."""
    sandbox = Sandbox(binary)
    try:
        pending = sandbox.pending()[:4]
        answers = {
            subscription(pending[0]): (423, {"Retry-After": "1", "Content-Type": "application/json"},
                                       b'{"message":"subscription locked"}'),
            subscription(pending[1]): (409, {"Retry-After": "1", "Content-Type": "application/json"},
                                       b'{"error":"locked","message":"locked, retry later"}'),
            subscription(pending[2]): (400, {"Retry-After": "1", "Content-Type": "application/json"},
                                       b'{"message":"timeout, please retry"}'),
            subscription(pending[3]): (431, {"Content-Type": "text/html"},
                                       b"<html><body><h1>431 Request Header Fields Too Large</h1></body></html>"),
        }

        def hostile(method, path, query, headers, body):
            if method == "POST" and path.startswith("/vendor/v1/subscriptions/"):
                sub = urllib.parse.unquote(path.split("/")[4])
                if sub in answers:
                    status, out, payload = answers[sub]
                    return status, out, payload, 0
            return None

        proxy = Proxy(sandbox, hostile)
        ws = Workspace(root, "case6", proxy.connect, proxy.vendor, refusal="reject")
        run(binary, ["--auto", "--json", "--concurrency", "4"], ws.env(), timeout=300)
        rejected = [r for r in proxy.actions("fail") if r in {p["id"] for p in pending}]
        check(6, "none of the four is rejected in Connect", not rejected, ", ".join(rejected))
        html = any("<html" in json.dumps(sandbox.request(p["id"])) for p in pending)
        check(6, "no HTML reaches Connect", not html)
        proxy.stop()
    finally:
        sandbox.stop()


def case7(binary, root):
    """Echoed keys: a Connect 401 echoing Authorization, a vendor 400 echoing the Bearer key, URL secrets."""
    connect_secret = CONNECT_CANARY.split(":")[1]
    sandbox = Sandbox(binary)
    try:
        def echo401(method, path, query, headers, body):
            if path.startswith("/public/"):
                text = json.dumps({"error_code": "AUTH_001",
                                   "errors": [f"bad credentials: Authorization: {headers.get('authorization')}"]})
                return 401, {"Content-Type": "application/json"}, text.encode(), 0
            return None

        proxy = Proxy(sandbox, echo401)
        ws = Workspace(root, "case7a", proxy.connect, proxy.vendor)
        for args in (["list"], ["--auto"], ["--auto", "--json"], ["doctor"], ["show", "PR-0000-0000-0000-001"],
                     ["approve", "PR-0000-0000-0000-001"]):
            result = run(binary, args, ws.env(CONNECT_API_KEY=CONNECT_CANARY))
            leaked = connect_secret in result.out + result.err
            check(7, f"Connect 401 echo: `{' '.join(args)}` prints no Connect secret", not leaked)
        proxy.stop()

        pending = sandbox.pending()[:2]

        def echo400(method, path, query, headers, body):
            if method == "POST" and path.startswith("/vendor/"):
                text = json.dumps({"error": "bad_request",
                                   "message": f"cannot cancel; you sent {headers.get('authorization')}"})
                return 400, {"Content-Type": "application/json"}, text.encode(), 0
            return None

        proxy = Proxy(sandbox, echo400)
        ws = Workspace(root, "case7b", proxy.connect, proxy.vendor, refusal="reject")
        result = run(binary, ["--auto", "--json", "--concurrency", "2"], ws.env(VENDOR_API_KEY=VENDOR_CANARY))
        history = run(binary, ["history", "--json"], ws.env(VENDOR_API_KEY=VENDOR_CANARY))
        outbound = [b for m, p, _, b in proxy.calls if m == "POST" and p.endswith("/fail")]
        check(7, "vendor 400 echo: no reject reason sent to Connect holds the vendor key",
              not any(VENDOR_CANARY.encode() in b for b in outbound), f"{len(outbound)} fail calls")
        in_connect = any(VENDOR_CANARY in json.dumps(sandbox.request(p["id"])) for p in pending)
        check(7, "vendor 400 echo: Connect holds no vendor key", not in_connect)
        check(7, "vendor 400 echo: stdout/stderr hold no vendor key",
              VENDOR_CANARY not in result.out + result.err + history.out + history.err)
        check(7, "vendor 400 echo: the journal holds no vendor key", VENDOR_CANARY not in journal_text(ws.journal))
        proxy.stop()

        proxy = Proxy(sandbox, lambda *a: None)
        urls = [(f"http://ops:us3rinfo-canary@127.0.0.1:{proxy.port}/public/v1", proxy.vendor, "userinfo"),
                (proxy.connect + "?token=t0ken-canary", proxy.vendor, "Connect ?token="),
                (proxy.connect, proxy.vendor + "?token=t0ken-canary", "vendor ?token="),
                (proxy.connect, f"http://ops:us3rinfo-canary@127.0.0.1:{proxy.port}/vendor/v1", "vendor userinfo")]
        for index, (connect, vendor, what) in enumerate(urls):
            ws = Workspace(root, f"case7c{index}", connect, vendor)
            for args in (["doctor"], ["list"], ["--auto", "--json"]):
                result = run(binary, args, ws.env(CONNECT_API_URL=connect))
                text = result.out + result.err
                check(7, f"URL secrets ({what}): `{' '.join(args)}` prints no userinfo or token",
                      "us3rinfo-canary" not in text and "t0ken-canary" not in text)
        proxy.stop()
    finally:
        sandbox.stop()


def case8(binary, root):
    """--journal at a file that is not a journal; a journal directory reached through a symlink."""
    base = os.path.join(root, "case8")
    os.makedirs(base, mode=0o700)
    victim = os.path.join(base, "notes.txt")
    with open(victim, "w") as f:
        f.write("not a journal\n")
    os.chmod(victim, 0o644)
    # Connect refuses every call at once (401): the runs end quickly, after the journal was opened.
    refusing = Proxy(None, lambda *a: (401, {"Content-Type": "application/json"}, b'{"errors":["no"]}', 0))
    ws = Workspace(root, "case8ws", refusing.connect, refusing.vendor)
    for extra in ([], ["--read-only"]):
        result = run(binary, ["history", "--journal", victim] + extra, ws.env())
        mode = stat.S_IMODE(os.stat(victim).st_mode)
        check(8, f"a non-journal file keeps its mode ({' '.join(extra) or 'read-write'})", mode == 0o644,
              f"{oct(mode)}, exit {result.code}")
        with open(victim) as f:
            check(8, f"a non-journal file keeps its content ({' '.join(extra) or 'read-write'})",
                  f.read() == "not a journal\n")
    shared = os.path.join(base, "shared")
    os.makedirs(shared)
    os.chmod(shared, 0o1777)
    link = os.path.join(base, "link")
    os.symlink(shared, link)
    result = run(binary, ["--auto", "--journal", os.path.join(link, "journal.sqlite")], ws.env())
    mode = stat.S_IMODE(os.stat(shared).st_mode)
    check(8, "a shared 1777 directory behind a symlink keeps its mode", mode == 0o1777,
          f"{oct(mode)}, exit {result.code}")
    refusing.stop()


def case9(binary, root):
    """A CRLF in the vendor key file; a vendor base-path typo."""
    sandbox = Sandbox(binary, requests=20)
    try:
        proxy = Proxy(sandbox, lambda *a: None)
        ws = Workspace(root, "case9", proxy.connect, proxy.vendor)
        keyfile = os.path.join(ws.dir, "vendor.key")
        with open(keyfile, "w") as f:
            f.write("abc\r\ndef\n")
        os.chmod(keyfile, 0o600)
        result = run(binary, ["--auto", "--json"], ws.env(VENDOR_API_KEY_FILE=keyfile))
        check(9, "a CRLF in the vendor key file is refused (78)", result.code == 78, f"exit {result.code}")
        check(9, "…and nothing is sent", not proxy.vendor_calls())
        proxy.stop()

        proxy = Proxy(sandbox, lambda *a: None)
        ws = Workspace(root, "case9b", proxy.connect, proxy.vendor.replace("/vendor/v1", "/vendr/v1"))
        doctor = run(binary, ["doctor"], ws.env())
        vendor_lines = [l for l in doctor.out.splitlines() if "vendor" in l.lower()]
        check(9, "doctor does not call a route 404 reachable",
              not any("reachable" in l and "not reachable" not in l and "unreachable" not in l for l in vendor_lines),
              " | ".join(vendor_lines)[:200])
        result = run(binary, ["--auto", "--json"], ws.env())
        states = journal_states(ws.journal)
        review = [r for r, s in states.items() if s == "needs_review"]
        check(9, "a base-path typo marks nothing needs_review", not review, f"{len(review)} rows")
        named = [l for l in result.out.splitlines() if "configuration" in l and '"error"' in l]
        check(9, "…and the output names a configuration fault", bool(named), (named or ["(none)"])[0][:200])
        check(9, "…and exits 78", result.code == 78, f"exit {result.code}")
        proxy.stop()
    finally:
        sandbox.stop()


def case10(binary, root):
    """The listing fails: --auto says why, in text and in JSON."""
    sandbox = Sandbox(binary)
    try:
        def hostile(method, path, query, headers, body):
            if method == "GET" and path == "/public/v1/requests":
                return 400, {"Content-Type": "application/json"}, json.dumps(
                    {"error_code": "VAL_001", "errors": ["unsupported filter zzq-marker"]}).encode(), 0
            return None

        proxy = Proxy(sandbox, hostile)
        ws = Workspace(root, "case10", proxy.connect, proxy.vendor)
        text = run(binary, ["--auto"], ws.env())
        named = [l for l in (text.out + text.err).splitlines() if "zzq-marker" in l and " debug " not in l]
        check(10, "text output names the listing failure", bool(named), (named or ["(none)"])[0][:200])
        js = run(binary, ["--auto", "--json"], ws.env())
        named = [l for l in js.out.splitlines() if "zzq-marker" in l]
        check(10, "JSON output names the listing failure", bool(named), (named or ["(none)"])[0][:200])
        check(10, "JSON still ends with the summary line", js.summary() is not None)
        proxy.stop()
    finally:
        sandbox.stop()


def case11(binary, root):
    """`--auto --json | head -1`."""
    sandbox = Sandbox(binary, requests=40)
    try:
        proxy = Proxy(sandbox, lambda *a: None)
        ws = Workspace(root, "case11", proxy.connect, proxy.vendor)
        proc = subprocess.Popen([binary, "--auto", "--json", "--concurrency", "2"], env=ws.env(),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        proc.stdout.readline()
        proc.stdout.close()
        try:
            proc.wait(120)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        code = proc.returncode
        check(11, "a closed stdout is not a crash", code not in (-4, -6, -11, 132, 134, 139), f"exit {code}")
        unfinished = [r for r, s in journal_states(ws.journal).items()
                      if s not in ("approved", "rejected", "done_by_other", "needs_review", "skipped")]
        check(11, "no started request is left unfinished", not unfinished, ", ".join(unfinished))
        proxy.stop()
    finally:
        sandbox.stop()


def case12(binary, root):
    """10 MB keymap and config files are refused before they are read."""
    base = os.path.join(root, "case12")
    os.makedirs(base, mode=0o700)
    big = os.path.join(base, "keymap.json")
    with open(big, "w") as f:
        f.write('{"version": 1, "contexts": {"list": {"approve": "' + "a" * (10 << 20) + '"}}}')
    config = os.path.join(base, "config.json")
    shutil.copy(big, config)
    os.chmod(config, 0o600)
    measure = ("import resource, subprocess, sys; code = subprocess.run(sys.argv[1:], capture_output=True).returncode;"
               " print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    for args, name in ((["keymap", "--check", big], "keymap"), (["list", "--config", config], "config")):
        # A fresh Python process whose only child is canceldesk: its children's peak RSS is canceldesk's.
        out = subprocess.run([sys.executable, "-c", measure, binary] + args, capture_output=True, text=True,
                             env={"PATH": os.environ["PATH"], "HOME": base, "LANG": "C.UTF-8"}).stdout.split()
        code, peak_mb = int(out[0]), int(out[1]) / 1024
        check(12, f"a 10 MB {name} file is refused (78)", code == 78, f"exit {code}")
        check(12, f"…without reading it (peak RSS {peak_mb:.0f} MB)", peak_mb < 60)


CASES = {1: case1, 2: case2, 3: case3, 4: case4, 5: case5, 6: case6, 7: case7, 8: case8, 9: case9, 10: case10,
         11: case11, 12: case12}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", default=os.environ.get("CANCELDESK_BIN", ""))
    parser.add_argument("cases", nargs="*", type=int)
    args = parser.parse_args()
    binary = args.bin
    if not binary:
        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        binary = subprocess.check_output(["swift", "build", "--show-bin-path"], cwd=root, text=True).strip()
        binary += "/canceldesk"
    root = tempfile.mkdtemp(prefix="canceldesk-adversary.")
    try:
        for number in args.cases or sorted(CASES):
            started = time.monotonic()
            CASES[number](binary, root)
            print(f"  (case {number}: {time.monotonic() - started:.1f} s)", flush=True)
    finally:
        if not os.environ.get("KEEP"):
            shutil.rmtree(root, ignore_errors=True)
    passed = sum(results)
    print(f"{passed} passed, {len(results) - passed} failed")
    sys.exit(0 if passed == len(results) else 1)


if __name__ == "__main__":
    main()
