#!/usr/bin/env bash
# Reliability suites of issue 5: the real `canceldesk` binary against `canceldesk sandbox` on 127.0.0.1, with
# the invariants checked (scripts/reliability_check.py) over /_sandbox/stats, the sandbox's requests and vendor
# subscriptions, and every journal (`canceldesk history --json`, PRAGMA integrity_check):
#
#   I1  every subscription is cancelled at the vendor at most once (one Idempotency-Key per subscription)
#   I2  every vendor cancel ends with its request approved or in needs_review; every approval had its cancel
#   I3  no request failed because of a transient fault (fail_calls == operator rejects, 0 without an operator)
#   I4  every journal passes PRAGMA integrity_check; nothing is left half-done once the queue drained
#
#   scripts/reliability.sh [short|long] [faults|crashes|races|secrets|all]
#
# short (CI, debug build, ~3 min for `all`)      long (release build; see scripts/README.md)
#   faults   1,000 requests (+200 with the          10,000 requests (+2,000 with the reject policy)
#            reject policy)
#   crashes  4 points x first/middle/last of 12     4 points x first/middle/last of 100,
#            + 5 random kill -9 in 200 requests     + 30 random kill -9 in 1,000 requests
#   races    3 --auto + 1 operator, 300 requests    3 --auto + 1 operator, 2,000 requests
#   secrets  40 requests                            200 requests
# Faults: Connect 10 % 5xx and vendor 20 % 5xx (sandbox --error-rate 0.1 --vendor-error-rate 0.2; half of the
# faults on POSTs land after the effect: lost responses), plus ~5 % 429 with Retry-After 1-2 s on vendor and
# Connect calls from a fault pump that re-scripts /_sandbox/faults every second.
#
# The binary: $CANCELDESK_BIN when set, else `swift build` (short: debug in .build; long: release in
# .build-release). Every process this script starts is killed on exit; its temporary directory is removed
# (set KEEP=1 to keep it). Prints one PASS/FAIL line per invariant and `N passed, M failed`; exits 1 on a failure.
set -euo pipefail

mode="${1:-short}"
suite="${2:-all}"
case "$mode" in short | long) ;; *) echo "usage: scripts/reliability.sh [short|long] [faults|crashes|races|secrets|all]" >&2; exit 64 ;; esac
case "$suite" in faults | crashes | races | secrets | all) ;; *) echo "unknown suite: $suite" >&2; exit 64 ;; esac

root="$(cd "$(dirname "$0")/.." && pwd)"
check="$root/scripts/reliability_check.py"
command -v python3 >/dev/null || { echo "python3 is required" >&2; exit 1; }
command -v timeout >/dev/null || { echo "timeout (coreutils) is required" >&2; exit 1; }

if [ "$mode" = short ]; then
    faults_requests=1000; faults_reject_requests=200; crash_requests=12; kill_requests=200; kills=5; race_requests=300; secret_requests=40
    kill_window_ms=(50 1500); kill_latency=(60 60); run_timeout=300; max_passes=6; crash_jobs=2
else
    faults_requests=10000; faults_reject_requests=2000; crash_requests=100; kill_requests=1000; kills=30; race_requests=2000; secret_requests=200
    kill_window_ms=(50 3000); kill_latency=(100 80); run_timeout=3600; max_passes=10; crash_jobs=2
fi

# ------------------------------------------------------------------------------------------- build and cleanup

if [ -n "${CANCELDESK_BIN:-}" ]; then
    bin="$CANCELDESK_BIN"
else
    if [ "$mode" = short ]; then build=(swift build --product canceldesk); else
        build=(swift build -c release --product canceldesk --scratch-path "$root/.build-release"); fi
    echo "building: ${build[*]}"
    (cd "$root" && "${build[@]}" >/dev/null) || { echo "FAIL build"; exit 1; }
    bin="$(cd "$root" && "${build[@]}" --show-bin-path)/canceldesk"
fi
[ -x "$bin" ] || { echo "no canceldesk binary at $bin" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/canceldesk-reliability.XXXXXX")"
chmod 700 "$work"
pids=()
cleanup() {
    local pid
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    sleep 0.2
    for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    if [ "${KEEP:-0}" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
cleanup_subshell() { # a crash_combo subshell ends: its own processes go with it
    local pid
    for pid in "${pids[@]+"${pids[@]}"}"; do kill -KILL "$pid" 2>/dev/null || true; done
}
forget() { # PID: stop tracking (after it was waited for)
    local keep=() pid
    for pid in "${pids[@]}"; do [ "$pid" = "$1" ] || keep+=("$pid"); done
    pids=("${keep[@]+"${keep[@]}"}")
}
stop() { # PID: end a process this script started
    kill -TERM "$1" 2>/dev/null || true
    local i
    for i in $(seq 1 50); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
    forget "$1"
}

results="$work/results.txt"
: >"$results"
say() { echo "$*" | tee -a "$results"; }
pass() { say "PASS $*"; }
fail() { say "FAIL $*"; }
figure() { echo "  · $*" >>"$work/figures.txt"; }
now_ms() { date +%s%3N; }

# ------------------------------------------------------------------------------------------- sandbox and runs

# start_sandbox DIR ARGS...: serves a sandbox; sets CONNECT, VENDOR, BASE, SANDBOX_PID.
start_sandbox() {
    local dir="$1"
    shift
    mkdir -p "$dir"
    "$bin" sandbox --host 127.0.0.1 --port 0 "$@" >"$dir/sandbox.out" 2>"$dir/sandbox.err" &
    SANDBOX_PID=$!
    pids+=("$SANDBOX_PID")
    local urls
    urls="$(python3 "$check" urls "$dir/sandbox.out" --timeout 60)" || { cat "$dir/sandbox.err" >&2; return 1; }
    read -r CONNECT VENDOR BASE <<<"$urls"
}

# workspace DIR CONNECT_URL VENDOR_URL [review|reject]: a 0700 directory with a 0600 config.json serving the
# sandbox's products, with that vendor-refusal policy (default review).
workspace() {
    mkdir -p "$1"
    chmod 700 "$1"
    python3 - "$1" "$2" "$3" "${4:-review}" <<'EOF'
import json, os, sys
directory, connect, vendor, refusal = sys.argv[1:5]
products = {"PRD-276-377-545": "TL-276-377-101", "PRD-418-902-113": "TL-418-902-101",
            "PRD-530-551-886": "TL-530-551-101", "PRD-845-221-690": "TL-845-221-101"}
config = {"connect": {"url": connect, "products": list(products), "templates": products},
          "vendor": {"url": vendor}, "journal": os.path.join(directory, "journal.sqlite"),
          # The sandbox assigns a few requests to people; these suites work the whole queue.
          "auto": {"on_vendor_refusal": refusal, "take_assigned": True}}
path = os.path.join(directory, "config.json")
with open(path, "w") as f:
    json.dump(config, f, indent=1)
os.chmod(path, 0o600)
EOF
}

# cdrun DIR TAG [NAME=VALUE...] -- ARGS...: runs canceldesk with exactly this environment (plus PATH, HOME, the
# config and the sandbox key), stdout/stderr to DIR/TAG.out|err; sets RC (128+N when killed by signal N).
cdrun() {
    local dir="$1" tag="$2"
    shift 2
    local vars=()
    while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do vars+=("$1"); shift; done
    shift
    RC=0
    # (The group's 2>/dev/null only silences bash's "Killed" notice for the crash runs.)
    { timeout -s KILL "$run_timeout" env -i PATH="$PATH" HOME="$dir" LANG=C.UTF-8 \
        CANCELDESK_CONFIG="$dir/config.json" CONNECT_API_KEY="ApiKey SU-000-000-000:sandbox" \
        "${vars[@]+"${vars[@]}"}" "$bin" "$@" >"$dir/$tag.out" 2>"$dir/$tag.err"; } 2>/dev/null || RC=$?
}

# summary FILE KEY: a field of the last summary line (or -1).
summary() {
    python3 - "$1" "$2" <<'EOF'
import json, sys
value = -1
for line in open(sys.argv[1], errors="replace"):
    if line.startswith("{"):
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if event.get("event") == "summary":
            value = event.get(sys.argv[2], -1)
print(value)
EOF
}

# drain DIR PREFIX [NAME=VALUE...]: `--auto` passes until one ends with nothing failed (every request it saw
# approved, in review or skipped), bounded; the checks then verify the queue independently.
drain() {
    local dir="$1" prefix="$2"
    shift 2
    local pass failed
    for pass in $(seq 1 "$max_passes"); do
        cdrun "$dir" "$prefix-$pass" "$@" -- --auto --json --concurrency 8
        failed="$(summary "$dir/$prefix-$pass.out" failed)"
        DRAIN_PASSES=$pass
        if [ "$failed" = 0 ] && [ "$RC" -lt 2 ]; then return 0; fi
    done
    return 1
}

history_of() { # DIR: the journal as JSON lines to DIR/history.jsonl
    cdrun "$1" history -- history --json
    cp "$1/history.out" "$1/history.jsonl"
}

# invariants LABEL DIR BEFORE [--operator] [--history FILE --journal FILE ...]: the shared checks.
invariants() {
    local label="$1" dir="$2" before="$3"
    shift 3
    python3 "$check" check --label "$label" --base "$BASE" --before "$before" --figures "$dir/figures.json" "$@" \
        | tee -a "$results" || true
}

rand_between() { # LOW HIGH (integers)
    python3 -c "import random,sys; print(random.randint(int(sys.argv[1]), int(sys.argv[2])))" "$1" "$2"
}

# ------------------------------------------------------------------------------------------- suites

suite_faults() {
    faults_run review "$faults_requests" 7
    # The same faults with auto.on_vendor_refusal = reject: a fail is allowed only after a permanent refusal.
    faults_run reject "$faults_reject_requests" 8
}

faults_run() { # POLICY REQUESTS SEED
    local policy="$1" requests="$2" seed="$3"
    local dir="$work/faults-$policy" started label="faults ($policy)"
    say "== $label: $requests requests; Connect 10 % 5xx, vendor 20 % 5xx, ~5 % 429 + Retry-After, lost responses"
    start_sandbox "$dir" --requests "$requests" --seed "$seed" --error-rate 0.1 --vendor-error-rate 0.2
    workspace "$dir" "$CONNECT" "$VENDOR" "$policy"
    python3 "$check" snapshot "$BASE" "$dir/before.json" >/dev/null
    python3 "$check" pump "$BASE" --share 0.05 --seconds "$run_timeout" --report "$dir/pump.json" &
    local pump=$!
    pids+=("$pump")
    started=$(now_ms)
    if drain "$dir" auto; then
        pass "$label: the queue drained in $DRAIN_PASSES pass(es)"
    else
        fail "$label: the queue did not drain in $max_passes passes"
    fi
    local elapsed=$(( $(now_ms) - started ))
    stop "$pump"
    python3 -c "import json,sys,urllib.request as u; u.urlopen(u.Request(sys.argv[1]+'/_sandbox/faults', data=b'{\"rules\":[]}', headers={'Content-Type':'application/json'}))" "$BASE" || true
    history_of "$dir"
    local policy_flag=()
    [ "$policy" = review ] || policy_flag=(--reject-policy)
    invariants "$label" "$dir" "$dir/before.json" --history "$dir/history.jsonl" --journal "$dir/journal.sqlite" \
        "${policy_flag[@]+"${policy_flag[@]}"}"
    figure "$label: $requests requests, $DRAIN_PASSES pass(es), $((elapsed / 1000)) s; pump injected $(cat "$dir/pump.json" 2>/dev/null || echo '{}')"
    figure "$label: first pass $(grep -h '"event":"summary"' "$dir/auto-1.out" || true)"
    figure "$label: $(cat "$dir/figures.json")"
    stop "$SANDBOX_PID"
}

# Hits of each crash point in a clean run of the same data (concurrency 1), from the journal and the stats.
calibrate() {
    local dir="$work/crashes/calibrate"
    start_sandbox "$dir" --requests "$crash_requests" --seed 11
    workspace "$dir" "$CONNECT" "$VENDOR"
    cdrun "$dir" auto -- --auto --json --concurrency 1
    history_of "$dir"
    python3 "$check" stats "$BASE" >"$dir/stats.json"
    stop "$SANDBOX_PID"
    python3 - "$dir/history.jsonl" "$dir/stats.json" <<'EOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
stats = json.load(open(sys.argv[2]))
count = lambda *states: sum(1 for r in rows if r["state"] in states)
print("after_intent", count("vendor_sending", "reject_sending"))
print("after_vendor", stats["vendor_cancel_calls"])
print("after_vendor_recorded", count("vendor_cancelled", "vendor_refused"))
print("after_connect", stats["approve_calls"] + stats["fail_calls"])
EOF
}

# crash_combo POINT HITS POSITION: one crash run at the POSITION-th hit (first/middle/last of HITS), then reruns
# until drained, then the invariants. Runs in its own subshell (own processes, own cleanup).
crash_combo() {
    local point="$1" hits="$2" position="$3" nth dir attempt killed=0
    case "$position" in first) nth=1 ;; middle) nth=$(((hits + 1) / 2)) ;; last) nth=$hits ;; esac
    # The last hit is counted on a clean run; step back if this run reaches the point fewer times.
    for attempt in 0 1 2; do
        dir="$work/crashes/$point-$position-$attempt"
        start_sandbox "$dir" --requests "$crash_requests" --seed 11
        workspace "$dir" "$CONNECT" "$VENDOR"
        python3 "$check" snapshot "$BASE" "$dir/before.json" >/dev/null
        cdrun "$dir" crash CANCELDESK_CRASH_AT="$point" CANCELDESK_CRASH_AFTER="$nth" -- --auto --json --concurrency 1
        if [ "$RC" = 137 ]; then killed=1; break; fi
        stop "$SANDBOX_PID"
        nth=$((nth - 1))
        [ "$nth" -ge 1 ] || break
    done
    if [ "$killed" = 1 ]; then
        pass "crashes: killed at $point, hit $nth of $hits ($position)"
        if drain "$dir" rerun; then pass "crashes: $point/$position drained in $DRAIN_PASSES rerun(s)"; else
            fail "crashes: $point/$position did not drain in $max_passes reruns"; fi
        history_of "$dir"
        invariants "crashes $point/$position" "$dir" "$dir/before.json" --history "$dir/history.jsonl" --journal "$dir/journal.sqlite"
        stop "$SANDBOX_PID"
    else
        fail "crashes: $point was never reached for the $position hit (calibrated $hits)"
    fi
}

suite_crashes() {
    say "== crashes: every named crash point x first, middle, last ($crash_requests requests), then $kills random kill -9"
    local calibration=() line point hits position combo combos=() dir
    mapfile -t calibration < <(calibrate)
    [ "${#calibration[@]}" = 4 ] || fail "crashes: calibration gave ${#calibration[@]} crash points, not 4"
    # Two combinations at a time (each is mostly process start-up and waiting).
    for line in "${calibration[@]}"; do
        read -r point hits <<<"$line"
        for position in first middle last; do
            while [ "$(jobs -rp | wc -l)" -ge "$crash_jobs" ]; do sleep 0.2; done
            (
                pids=()
                trap cleanup_subshell EXIT
                trap 'exit 143' TERM INT
                crash_combo "$point" "$hits" "$position"
            ) </dev/null &
            combo=$!
            pids+=("$combo")
            combos+=("$combo")
        done
    done
    for combo in "${combos[@]}"; do wait "$combo" || true; forget "$combo"; done

    # Random kill -9 during a run, restarted each time, then drained.
    dir="$work/crashes/random"
    # Latency spreads the run over enough time for every kill to land mid-queue.
    start_sandbox "$dir" --requests "$kill_requests" --seed 13 --latency-ms "${kill_latency[0]}" \
        --vendor-latency-ms "${kill_latency[1]}"
    workspace "$dir" "$CONNECT" "$VENDOR"
    python3 "$check" snapshot "$BASE" "$dir/before.json" >/dev/null
    local done_kills=0 tries=0 pid delay bad_integrity=0 started
    started=$(now_ms)
    while [ "$done_kills" -lt "$kills" ] && [ "$tries" -lt $((kills * 3)) ]; do
        tries=$((tries + 1))
        env -i PATH="$PATH" HOME="$dir" LANG=C.UTF-8 CANCELDESK_CONFIG="$dir/config.json" \
            CONNECT_API_KEY="ApiKey SU-000-000-000:sandbox" \
            "$bin" --auto --json --concurrency 8 >"$dir/kill-$tries.out" 2>"$dir/kill-$tries.err" &
        pid=$!
        pids+=("$pid")
        delay="$(rand_between "${kill_window_ms[0]}" "${kill_window_ms[1]}")"
        sleep "$(python3 -c "print($delay/1000)")"
        if kill -KILL "$pid" 2>/dev/null; then done_kills=$((done_kills + 1)); fi
        wait "$pid" 2>/dev/null || true
        forget "$pid"
        if [ -f "$dir/journal.sqlite" ]; then
            python3 -c "import sqlite3,sys; c=sqlite3.connect('file:'+sys.argv[1]+'?mode=ro', uri=True); sys.exit(0 if c.execute('PRAGMA integrity_check').fetchone()[0]=='ok' else 1)" \
                "$dir/journal.sqlite" || bad_integrity=$((bad_integrity + 1))
        fi
    done
    [ "$bad_integrity" = 0 ] && pass "crashes: journal integrity_check ok after each of $done_kills kills" \
        || fail "crashes: integrity_check failed after $bad_integrity of $done_kills kills"
    if [ "$done_kills" -ge "$kills" ]; then pass "crashes: $done_kills random kill -9 delivered in $tries runs"; else
        fail "crashes: only $done_kills of $kills kills landed (runs ended first)"; fi
    if drain "$dir" rerun; then pass "crashes: random kills drained in $DRAIN_PASSES rerun(s)"; else
        fail "crashes: random kills did not drain in $max_passes reruns"; fi
    history_of "$dir"
    invariants "crashes random-kill" "$dir" "$dir/before.json" --history "$dir/history.jsonl" --journal "$dir/journal.sqlite"
    figure "crashes: $done_kills kills over $tries runs of $kill_requests requests, drained in $DRAIN_PASSES rerun(s), $(( ($(now_ms) - started) / 1000 )) s in all"
    figure "crashes: $(cat "$dir/figures.json")"
    stop "$SANDBOX_PID"
}

suite_races() {
    local dir="$work/races" started
    say "== races: three --auto processes (two share a journal, one has its own) and one scripted operator, $race_requests requests"
    # Latency keeps the daemons busy long enough for the operator's single steps to land among them.
    start_sandbox "$dir" --requests "$race_requests" --seed 17 --latency-ms 10 --vendor-latency-ms 100
    workspace "$dir/j1" "$CONNECT" "$VENDOR"
    workspace "$dir/j2" "$CONNECT" "$VENDOR"
    workspace "$dir/op" "$CONNECT" "$VENDOR"
    python3 "$check" snapshot "$BASE" "$dir/before.json" >/dev/null
    started=$(now_ms)
    local a b c op
    cdrun_bg() { # DIR TAG: --auto in the background; sets BG
        env -i PATH="$PATH" HOME="$1" LANG=C.UTF-8 CANCELDESK_CONFIG="$1/config.json" \
            CONNECT_API_KEY="ApiKey SU-000-000-000:sandbox" \
            timeout -s KILL "$run_timeout" "$bin" --auto --json --concurrency 4 >"$1/$2.out" 2>"$1/$2.err" &
        BG=$!
        pids+=("$BG")
    }
    cdrun_bg "$dir/j1" auto-a; a=$BG
    cdrun_bg "$dir/j1" auto-b; b=$BG
    cdrun_bg "$dir/j2" auto-c; c=$BG
    # The operator: lists the queue and decides four requests (3 approve : 1 reject), again and again until the
    # daemons are done or the queue is empty (bounded).
    (
        for round in $(seq 1 200); do
            [ ! -f "$dir/autos-done" ] || break
            cdrun "$dir/op" "list-$round" -- list --json
            # Two from the front of the queue (oldest first), where the daemons are working right now, and two
            # from anywhere (the operator decides first, the daemons must then leave them alone).
            python3 -c "import json,sys; [print(json.loads(l)['request']) for l in open(sys.argv[1]) if l.startswith('{')]" \
                "$dir/op/list-$round.out" >"$dir/op/queue-$round.txt" || true
            mapfile -t ids < <({ head -n 24 "$dir/op/queue-$round.txt" | shuf -n 2; shuf -n 2 "$dir/op/queue-$round.txt"; } | sort -u)
            [ "${#ids[@]}" -gt 0 ] || break
            for id in "${ids[@]}"; do
                if [ $((RANDOM % 4)) = 0 ]; then
                    cdrun "$dir/op" "reject-$round-$id" -- reject "$id" --reason "Operator decision during the race test"
                else
                    cdrun "$dir/op" "approve-$round-$id" -- approve "$id"
                fi
            done
        done
    ) &
    op=$!
    pids+=("$op")
    local rc_a=0 rc_b=0 rc_c=0
    wait "$a" || rc_a=$?; forget "$a"
    wait "$b" || rc_b=$?; forget "$b"
    wait "$c" || rc_c=$?; forget "$c"
    touch "$dir/autos-done"
    wait "$op" || true; forget "$op"
    local elapsed=$(( $(now_ms) - started ))
    if [ "$rc_a" -lt 2 ] && [ "$rc_b" -lt 2 ] && [ "$rc_c" -lt 2 ]; then
        pass "races: the three --auto processes finished (exit $rc_a, $rc_b, $rc_c)"
    else
        fail "races: --auto exits $rc_a, $rc_b, $rc_c"
    fi
    drain "$dir/j2" drain || true
    if drain "$dir/j1" drain; then pass "races: the queue drained in $DRAIN_PASSES pass(es)"; else
        fail "races: the queue did not drain"; fi
    history_of "$dir/j1"
    history_of "$dir/j2"
    history_of "$dir/op"
    invariants races "$dir" "$dir/before.json" --operator \
        --history "$dir/j1/history.jsonl" --history "$dir/j2/history.jsonl" --history "$dir/op/history.jsonl" \
        --journal "$dir/j1/journal.sqlite" --journal "$dir/j2/journal.sqlite" --journal "$dir/op/journal.sqlite"
    figure "races: $race_requests requests in $((elapsed / 1000)) s; summaries: A $(grep -h '"summary"' "$dir/j1/auto-a.out" || true) B $(grep -h '"summary"' "$dir/j1/auto-b.out" || true) C $(grep -h '"summary"' "$dir/j2/auto-c.out" || true)"
    figure "races: operator approvals $(ls "$dir/op" | grep -c '^approve-.*\.out$' || true), rejects $(ls "$dir/op" | grep -c '^reject-.*\.out$' || true); journal rows done_by_other: $(cat "$dir"/*/history.jsonl | grep -c '"done_by_other"' || true), needs_review: $(cat "$dir"/*/history.jsonl | grep -c '"needs_review"' || true)"
    figure "races: $(cat "$dir/figures.json")"
    stop "$SANDBOX_PID"
}

suite_secrets() {
    local dir="$work/secrets" hex canary vendor_canary wrong first
    hex="$(python3 -c 'import secrets; print(secrets.token_hex(8))')"
    canary="ApiKey SU-123-456-789:CanaryConnect$hex"
    wrong="ApiKey SU-987-654-321:CanaryWrong$hex"
    vendor_canary="CanaryVendor$hex"
    say "== secrets: fake keys ...CanaryConnect$hex / CanaryVendor$hex through every command, trace logs, a crash"
    start_sandbox "$dir" --requests "$secret_requests" --seed 19 --error-rate 0.1 --vendor-error-rate 0.2
    local sandbox_connect="$CONNECT"
    python3 "$check" proxy --upstream "$BASE" --canary "$canary" --port-file "$dir/proxy.port" \
        --count-file "$dir/proxy.json" --seconds "$run_timeout" &
    pids+=("$!")
    local i
    for i in $(seq 1 100); do [ -f "$dir/proxy.port" ] && break; sleep 0.1; done
    local proxied="http://127.0.0.1:$(cat "$dir/proxy.port")/public/v1"
    workspace "$dir" "$proxied" "$VENDOR"
    python3 "$check" snapshot "$BASE" "$dir/before.json" >/dev/null
    local env=(CONNECT_API_KEY="$canary" VENDOR_API_KEY="$vendor_canary" CANCELDESK_LOG_LEVEL=trace)
    cdrun "$dir" doctor "${env[@]}" -- doctor
    cdrun "$dir" list "${env[@]}" -- list
    cdrun "$dir" list-json "${env[@]}" -- list --json
    first="$(python3 -c "import json,sys; print(next(json.loads(l)['request'] for l in open(sys.argv[1]) if l.startswith('{')))" "$dir/list-json.out" 2>/dev/null || echo PR-0000-0000-0000-000)"
    cdrun "$dir" show "${env[@]}" -- show "$first"
    cdrun "$dir" crash "${env[@]}" CANCELDESK_CRASH_AT=after_vendor CANCELDESK_CRASH_AFTER=3 -- --auto --json
    [ "$RC" = 137 ] && pass "secrets: the crash run was killed at after_vendor" || fail "secrets: the crash run ended with $RC, not SIGKILL"
    drain "$dir" auto "${env[@]}" || true
    cdrun "$dir" approve-again "${env[@]}" -- approve "$first"
    cdrun "$dir" reject-done "${env[@]}" -- reject "$first" --reason "secrets suite"
    cdrun "$dir" history-human "${env[@]}" -- history
    cdrun "$dir" history "${env[@]}" -- history --json
    cp "$dir/history.out" "$dir/history.jsonl"
    # A rejected key, straight at the sandbox: exit 77.
    mkdir -p "$dir/wrong" && workspace "$dir/wrong" "$sandbox_connect" "$VENDOR"
    cdrun "$dir/wrong" auto CONNECT_API_KEY="$wrong" VENDOR_API_KEY="$vendor_canary" CANCELDESK_LOG_LEVEL=trace -- --auto --json
    [ "$RC" = 77 ] && pass "secrets: a rejected key exits 77" || fail "secrets: a rejected key exited $RC, not 77"
    cdrun "$dir/wrong" doctor CONNECT_API_KEY="$wrong" CANCELDESK_LOG_LEVEL=trace -- doctor
    # The key in a config file that others can read: refused (78), the key not echoed.
    mkdir -p "$dir/open" && workspace "$dir/open" "$proxied" "$VENDOR"
    python3 - "$dir/open/config.json" "$canary" <<'EOF'
import json, os, sys
path, key = sys.argv[1:3]
config = json.load(open(path))
config["connect"]["api_key"] = key
json.dump(config, open(path, "w"))
os.chmod(path, 0o644)
EOF
    RC=0
    env -i PATH="$PATH" HOME="$dir/open" CANCELDESK_LOG_LEVEL=trace "$bin" doctor --config "$dir/open/config.json" \
        >"$dir/open/doctor.out" 2>"$dir/open/doctor.err" || RC=$?
    [ "$RC" = 78 ] && pass "secrets: a key in a group/world-readable config is refused (78)" || fail "secrets: a readable config with a key exited $RC, not 78"
    # The key from a 0600 key file.
    printf '%s\n' "$canary" >"$dir/connect.key" && chmod 600 "$dir/connect.key"
    RC=0
    env -i PATH="$PATH" HOME="$dir" LANG=C.UTF-8 CANCELDESK_CONFIG="$dir/config.json" CONNECT_API_KEY_FILE="$dir/connect.key" \
        CANCELDESK_LOG_LEVEL=trace "$bin" --auto --json >"$dir/keyfile.out" 2>"$dir/keyfile.err" || RC=$?
    [ "$RC" -lt 2 ] && pass "secrets: a run with the key from a 0600 key file works (exit $RC)" || fail "secrets: the key-file run exited $RC"
    local seen
    seen="$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['canary'])" "$dir/proxy.json" 2>/dev/null || echo 0)"
    [ "$seen" -gt 0 ] && pass "secrets: the fake key was really used ($seen Connect calls carried it)" || fail "secrets: the fake key never reached Connect"
    local files=()
    mapfile -t files < <(find "$dir" -maxdepth 2 -type f \( -name '*.out' -o -name '*.err' -o -name '*.jsonl' -o -name 'journal.sqlite*' -o -name '*.log' \) ! -name 'sandbox.*')
    python3 "$check" secrets --label secrets --canary "$canary" --canary "${canary#ApiKey SU-123-456-789:}" \
        --canary "$vendor_canary" --canary "${wrong#ApiKey SU-987-654-321:}" "${files[@]}" | tee -a "$results" || true
    invariants secrets "$dir" "$dir/before.json" --history "$dir/history.jsonl" --journal "$dir/journal.sqlite"
    stop "$SANDBOX_PID"
}

# ------------------------------------------------------------------------------------------- main

echo "reliability $mode $suite with $bin (work: $work)"
: >"$work/figures.txt"
total_start=$(now_ms)
for name in faults crashes races secrets; do
    if [ "$suite" = all ] || [ "$suite" = "$name" ]; then
        suite_start=$(now_ms)
        "suite_$name"
        figure "$name took $(( ($(now_ms) - suite_start) / 1000 )) s"
    fi
done
passed=$(grep -c '^PASS' "$results" || true)
failed=$(grep -c '^FAIL' "$results" || true)
echo "figures:"
cat "$work/figures.txt"
echo "$passed passed, $failed failed in $(( ($(now_ms) - total_start) / 1000 )) s ($mode $suite)"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
