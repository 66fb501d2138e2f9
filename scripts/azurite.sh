# shellcheck shell=bash
# Shared helpers for run.sh and test.sh: install and start Azurite (Azure Storage emulator, table
# service only) from the npm package pinned in package.json / package-lock.json.
#
# Source this file; it defines functions only (and SMARTCHAIN_ROOT). Informational messages go to
# stderr so that functions that "return" a value on stdout can be used in $(...).

SMARTCHAIN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Well-known Azurite development account key (public, documented by Microsoft; not a secret). Shell cannot
# reference C#, so this is a copy of FunctionApp/Hosting/AzuriteDevelopment.cs, the one C# place; keep them equal.
AZURITE_DEV_ACCOUNT="devstoreaccount1"
AZURITE_DEV_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

_azurite_log() { echo "[azurite] $*" >&2; }

# azurite_install: `npm ci` when node_modules/.bin/azurite-table is missing, or when
# package-lock.json is newer than the installed tree (e.g. after a pull that bumped the version).
azurite_install() {
    local bin="$SMARTCHAIN_ROOT/node_modules/.bin/azurite-table"
    local marker="$SMARTCHAIN_ROOT/node_modules/.package-lock.json"
    if [[ -x "$bin" && -f "$marker" && ! "$SMARTCHAIN_ROOT/package-lock.json" -nt "$marker" ]]; then
        return 0
    fi
    if ! command -v npm >/dev/null 2>&1; then
        _azurite_log "npm not found: install Node.js (20+) and npm to get Azurite"
        return 1
    fi
    _azurite_log "installing Azurite with npm ci (pinned in package-lock.json)..."
    (cd "$SMARTCHAIN_ROOT" && npm ci --no-audit --no-fund >&2) || {
        _azurite_log "npm ci failed"
        return 1
    }
    if [[ ! -x "$bin" ]]; then
        _azurite_log "npm ci finished but $bin is missing"
        return 1
    fi
}

# port_answers HOST PORT: succeeds when something accepts TCP connections on HOST:PORT.
port_answers() {
    local host="$1" port="$2"
    if command -v timeout >/dev/null 2>&1; then
        timeout 2 bash -c "exec 3<>/dev/tcp/$host/$port" >/dev/null 2>&1
    elif command -v curl >/dev/null 2>&1; then
        # Exit 7 = could not connect; any other outcome means something is listening.
        local rc=0
        curl -s -o /dev/null --max-time 2 "http://$host:$port/" >/dev/null 2>&1 || rc=$?
        [[ $rc -ne 7 && $rc -ne 28 ]]
    else
        bash -c "exec 3<>/dev/tcp/$host/$port" >/dev/null 2>&1
    fi
}

# free_port: echoes a TCP port on 127.0.0.1 that the OS reports as free right now.
free_port() {
    if command -v node >/dev/null 2>&1; then
        node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{process.stdout.write(String(s.address().port)+"\n");s.close();});'
    elif command -v python3 >/dev/null 2>&1; then
        python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()'
    else
        _azurite_log "free_port needs node or python3"
        return 1
    fi
}

# _pid_alive PID: true while PID exists and has a thread that is not a zombie. (A multi-threaded
# process such as node can show its main thread as a zombie while the others are still exiting.)
_pid_alive() {
    local pid="$1" t state
    kill -0 "$pid" 2>/dev/null || return 1
    [[ -d "/proc/$pid/task" ]] || return 0
    for t in "/proc/$pid/task/"*/stat; do
        # Field 3 of stat is the state; the command name (field 2) may contain spaces.
        state="$(sed -e 's/^.*) //' "$t" 2>/dev/null | cut -d' ' -f1)" || continue
        [[ -n "$state" && "$state" != "Z" && "$state" != "X" ]] && return 0
    done
    return 1
}

# azurite_start_table PORT LOCATION_DIR LOGFILE [EXTRA_AZURITE_ARGS...]
# LOCATION_DIR is created and passed as --location (with --inMemoryPersistence: used as cwd only).
# Starts the Azurite table service on 127.0.0.1:PORT as its own session/process group (so a Ctrl-C
# aimed at the caller does not reach it), waits up to 30 s for the port to answer and echoes its
# PID (which is also its process-group id: stop it with azurite_stop PID).
azurite_start_table() {
    local port="$1" location="$2" logfile="$3"
    shift 3
    local bin="$SMARTCHAIN_ROOT/node_modules/.bin/azurite-table"
    if [[ ! -x "$bin" ]]; then
        _azurite_log "$bin missing (run azurite_install first)"
        return 1
    fi
    if port_answers 127.0.0.1 "$port"; then
        _azurite_log "something already answers on 127.0.0.1:$port; not starting Azurite there"
        return 1
    fi
    mkdir -p "$location" "$(dirname "$logfile")"
    location="$(cd "$location" && pwd)"
    logfile="$(cd "$(dirname "$logfile")" && pwd)/$(basename "$logfile")"
    local pidfile
    pidfile="$(mktemp "${TMPDIR:-/tmp}/azurite-pid.XXXXXX")"

    # The inner bash records its own PID and then execs node, so the PID is Azurite's exactly,
    # whether or not setsid had to fork. stdin/stdout/stderr are detached from the caller.
    local -a launcher=(nohup)
    if command -v setsid >/dev/null 2>&1; then
        launcher=(setsid nohup)
    fi
    # Azurite 3.37 refuses --location together with --inMemoryPersistence; then it runs with
    # LOCATION_DIR as its working directory instead.
    local -a location_args=(--location "$location")
    local arg
    for arg in "$@"; do
        [[ "$arg" == "--inMemoryPersistence" ]] && location_args=()
    done
    # shellcheck disable=SC2016 # $$ and $0 are meant for the inner bash ($0 = the pid file).
    (cd "$location" && exec "${launcher[@]}" bash -c 'echo $$ > "$0"; exec "$@"' "$pidfile" \
        "$bin" --tableHost 127.0.0.1 --tablePort "$port" ${location_args[@]+"${location_args[@]}"} \
        --skipApiVersionCheck --loose --disableTelemetry "$@" \
        </dev/null >>"$logfile" 2>&1) &

    local pid="" deadline=$((SECONDS + 30))
    while (( SECONDS < deadline )); do
        [[ -z "$pid" && -s "$pidfile" ]] && pid="$(cat "$pidfile")"
        if [[ -n "$pid" ]] && port_answers 127.0.0.1 "$port" && _pid_alive "$pid"; then
            rm -f "$pidfile"
            echo "$pid"
            return 0
        fi
        if [[ -n "$pid" ]] && ! _pid_alive "$pid"; then
            break
        fi
        sleep 0.2
    done
    rm -f "$pidfile"
    _azurite_log "Azurite table service did not answer on 127.0.0.1:$port within 30 s; last lines of $logfile:"
    tail -n 20 "$logfile" >&2 || true
    [[ -n "$pid" ]] && azurite_stop "$pid"
    return 1
}

# azurite_stop PID: SIGTERM to the process group (falls back to the PID), SIGKILL after 10 s. Quiet.
azurite_stop() {
    local pid="$1" i
    [[ -n "$pid" ]] || return 0
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || return 0
    for ((i = 0; i < 50; i++)); do
        _pid_alive "$pid" || return 0
        sleep 0.2
    done
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
}

# azurite_connection_string PORT: development-account connection string, table endpoint only.
azurite_connection_string() {
    local port="$1"
    echo "DefaultEndpointsProtocol=http;AccountName=${AZURITE_DEV_ACCOUNT};AccountKey=${AZURITE_DEV_KEY};TableEndpoint=http://127.0.0.1:${port}/${AZURITE_DEV_ACCOUNT};"
}
