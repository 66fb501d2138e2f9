#!/usr/bin/env bash
# Build and run all tests against a private, in-memory Azurite table service on a free port.
# Extra arguments are passed to `dotnet test` (e.g. ./test.sh --filter "FullyQualifiedName~Chain").
# The last line printed is "N passed, N failed" summed over every .trx produced.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
# shellcheck source=scripts/azurite.sh
source scripts/azurite.sh

# Formatting (issue 12): CSharpier at width 120 (.csharpierrc.json); the build itself fails on any line over 120.
dotnet tool restore >/dev/null
if ! csharpier_out="$(dotnet csharpier check . 2>&1)"; then
    printf '%s\n' "$csharpier_out" | grep -v '^Checked ' | head -n 20 >&2 || true
    echo "formatting drifted from CSharpier: run \`dotnet csharpier format .\` and commit the result" >&2
    exit 1
fi

azurite_install

# The explorer's browser tests drive Debian's Chromium through Playwright; Playwright never downloads a browser.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if ! command -v chromium >/dev/null 2>&1; then
    echo "chromium is missing (the explorer's browser tests need it): installing it with apt-get" >&2
    if [[ "$(id -u)" == 0 ]]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    fi
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/smartchain-test.XXXXXX")"
azurite_pid=""
cleanup() {
    if [[ -n "$azurite_pid" ]]; then
        azurite_stop "$azurite_pid" >/dev/null 2>&1 || true
        azurite_pid=""
    fi
    if [[ -n "$work" ]]; then
        rm -rf "$work"
        work=""
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port="$(free_port)"
azurite_pid="$(azurite_start_table "$port" "$work/azurite" "$work/azurite.log" --inMemoryPersistence)"
echo "Azurite (in-memory table service) on 127.0.0.1:$port, PID $azurite_pid"
SMARTCHAIN_TEST_STORAGE="$(azurite_connection_string "$port")"
export SMARTCHAIN_TEST_STORAGE

results="$work/results"
test_rc=0
# A test that hangs (none should) is stopped after 10 minutes and named, so the run still ends with its totals.
dotnet test SmartChain.Functions.sln -c Release --nologo --blame-hang --blame-hang-timeout 10m \
    --logger "trx;LogFilePrefix=results" --results-directory "$results" "$@" || test_rc=$?

# Sum the <Counters .../> of every .trx (grep + awk only; attribute order does not matter).
# "failed" also counts the error, timeout and aborted outcomes.
trx_count=0
passed=0
failed=0
while IFS= read -r -d '' trx; do
    trx_count=$((trx_count + 1))
    counters="$(tr '\r\n' '  ' <"$trx" | grep -o '<Counters [^>]*>' | head -n 1 || true)"
    [[ -n "$counters" ]] || continue
    read -r p f < <(printf '%s\n' "$counters" | grep -oE '\b(passed|failed|error|timeout|aborted)="[0-9]+"' |
        awk -F'"' '{ split($1, k, "="); if (k[1] == "passed") p += $2; else f += $2 } END { print p + 0, f + 0 }')
    passed=$((passed + p))
    failed=$((failed + f))
done < <(find "$results" -name '*.trx' -print0 2>/dev/null)

cleanup
trap - EXIT

rc=0
if ((test_rc != 0)); then
    echo "dotnet test exited with status $test_rc" >&2
    rc=$test_rc
fi
if ((trx_count == 0)); then
    echo "no .trx test results were produced" >&2
    ((rc != 0)) || rc=1
fi
if ((failed > 0)); then
    ((rc != 0)) || rc=1
fi
echo "$passed passed, $failed failed"
exit "$rc"
