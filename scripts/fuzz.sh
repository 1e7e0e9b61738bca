#!/usr/bin/env bash
# Fuzzes canceldesk's parsers with libFuzzer + AddressSanitizer (issue 5).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# Builds the separate package in Fuzz/ (release, -sanitize=fuzzer,address), then runs each target for SECONDS
# (default 600; 0 = only replay the seed corpus and the regression inputs) with -max_total_time. Targets:
# FuzzRequestPage FuzzRQL FuzzHeaders FuzzKeymap FuzzConfig FuzzSanitizer (default: all).
#
#   corpus     Fuzz/Corpus/<target>/seed       committed seeds (from the test fixtures, keymap.json, configs)
#              Fuzz/Corpus/<target>/generated  what libFuzzer adds (gitignored; kept between runs)
#   regression Fuzz/Regressions/<target>/      every crash found, minimized (committed; replayed by every run)
#   crashes    Fuzz/Crashes/<target>/          new crash/leak/timeout artifacts (gitignored)
#   logs       Fuzz/Logs/<target>.log          the full libFuzzer output (gitignored; under FUZZ_PACKAGE when set)
#
# Exits 1 when any target crashed, leaked, timed out or broke a property (the line names the artifact), else 0.
# FUZZ_JOBS=N runs N targets at a time (default: the number of CPUs); FUZZ_PACKAGE=DIR fuzzes another copy of the
# package (to try a proposed fix without touching Sources/). Installs nothing: it needs only the Swift toolchain,
# whose clang runtime (/opt/swift/usr/lib/clang/*/lib/linux/libclang_rt.fuzzer*) provides libFuzzer.
#
# CI smoke: `scripts/fuzz.sh 20` — a cold build of the fuzz package takes ~7 min on 2 cores (~3.5 min after Sources
# changed, seconds when nothing did), then 6 targets x 20 s, 2 at a time: 43 s measured.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
fuzz="$root/Fuzz"
package="${FUZZ_PACKAGE:-$fuzz}"
seconds="${1:-600}"
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]" >&2; exit 64; }
shift || true
all=(FuzzRequestPage FuzzRQL FuzzHeaders FuzzKeymap FuzzConfig FuzzSanitizer)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")
for target in "${targets[@]}"; do
    [[ " ${all[*]} " == *" $target "* ]] || { echo "unknown target: $target (one of: ${all[*]})" >&2; exit 64; }
done
jobs="${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 1)}"
[ "$jobs" -ge 1 ] || jobs=1

command -v swift >/dev/null || { echo "swift is not on PATH (expected Swift 6.3 at /opt/swift)" >&2; exit 1; }

# SwiftPM passes --sanitize=fuzzer and --sanitize=address to swiftc as two options, and the driver keeps only the
# last one for the Swift frontend (their order is a Set's, so it changes between runs): Swift code then lacks either
# coverage or ASan. The combined -Xswiftc flag comes last and wins; --sanitize=fuzzer stays for SwiftPM's linking.
echo "building the fuzz targets (release, fuzzer+address) in $package"
build_start=$SECONDS
(cd "$package" && swift build -c release --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address) \
    >"$package/.build-fuzz.log" 2>&1 || { tail -30 "$package/.build-fuzz.log"; echo "FAIL build"; exit 1; }
echo "built in $((SECONDS - build_start)) s"
bin="$(cd "$package" && swift build -c release --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address --show-bin-path)"

scratch="$(mktemp -d "${TMPDIR:-/tmp}/canceldesk-fuzz.XXXXXX")"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

dictionary() {
    case "$1" in
        FuzzRequestPage) echo "$fuzz/Dictionaries/json.dict" ;;
        FuzzKeymap) echo "$fuzz/Dictionaries/keymap.dict" ;;
        FuzzConfig) echo "$fuzz/Dictionaries/config.dict" ;;
        *) echo "" ;;
    esac
}

# Runs one target; writes its status line to $scratch/<target>.status.
run_target() {
    local target="$1"
    local generated="$fuzz/Corpus/$target/generated" seed="$fuzz/Corpus/$target/seed"
    local regressions="$fuzz/Regressions/$target" crashes="$fuzz/Crashes/$target" log="$package/Logs/$target.log"
    mkdir -p "$generated" "$seed" "$regressions" "$crashes" "$package/Logs" "$scratch/$target"
    local before after
    before="$(find "$crashes" -type f | wc -l)"
    local args=(-max_len=65536 -rss_limit_mb=2048 -timeout=5 -print_final_stats=1 -artifact_prefix="$crashes/")
    local dict
    dict="$(dictionary "$target")"
    [ -z "$dict" ] || args+=(-dict="$dict")
    if [ "$seconds" -eq 0 ]; then args+=(-runs=0); else args+=(-max_total_time="$seconds"); fi
    local status=0
    # Foundation is not instrumented; the Swift backtracer must not catch libFuzzer's signals; TMPDIR is ours.
    SWIFT_BACKTRACE=enable=no TMPDIR="$scratch/$target" \
        ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}" \
        LSAN_OPTIONS="suppressions=$fuzz/lsan.supp:print_suppressions=0" \
        "$bin/$target" "${args[@]}" "$generated" "$seed" "$regressions" >"$log" 2>&1 || status=$?
    after="$(find "$crashes" -type f | wc -l)"
    local final cov execs rate
    final="$(grep -E '^#[0-9]+' "$log" | tail -1 || true)"
    cov="$(sed -n 's/.* cov: \([0-9]*\) ft: \([0-9]*\).*/cov \1 ft \2/p' <<<"$final")"
    execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")"
    rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")"
    local summary="runs ${execs:-?}, ${rate:-?} exec/s, ${cov:-cov ?}"
    if [ "$status" -ne 0 ] || [ "$after" -gt "$before" ]; then
        local artifact
        artifact="$(ls -t "$crashes" 2>/dev/null | head -1)"
        local why
        why="$(grep -m1 -E 'property violated|Fatal error|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)' "$log" | cut -c1-240 || true)"
        echo "FAIL $target (exit $status): ${why:-see $log}; artifact Fuzz/Crashes/$target/${artifact:-?}; $summary" \
            >"$scratch/$target.status"
    else
        echo "PASS $target: $summary" >"$scratch/$target.status"
    fi
}

echo "fuzzing ${#targets[@]} target(s) for ${seconds} s each, $jobs at a time"
start=$SECONDS
for target in "${targets[@]}"; do
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do sleep 1; done
    run_target "$target" &
    pids+=("$!")
done
wait
failed=0
for target in "${targets[@]}"; do
    if [ -f "$scratch/$target.status" ]; then cat "$scratch/$target.status"; else echo "FAIL $target: no status"; fi
    grep -q '^PASS' "$scratch/$target.status" 2>/dev/null || failed=$((failed + 1))
done
echo "$(( ${#targets[@]} - failed )) passed, $failed failed in $((SECONDS - start)) s (plus the build)"
[ "$failed" -eq 0 ]
