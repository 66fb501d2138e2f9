#!/usr/bin/env bash
# Run a SmartChain node (or a three-node demo) locally against Azurite's table service.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
# shellcheck source=scripts/azurite.sh
source scripts/azurite.sh
# shellcheck source=scripts/admin-key.sh
source scripts/admin-key.sh

usage() {
    cat <<'EOF'
Usage: ./run.sh [--port N] [--bpsc URL] [--manual] [-- NODE_ARGS...]
       ./run.sh --demo
       ./run.sh --functions

  --port N     HTTP port of the node (default 5000)
  --bpsc URL   make this node a replica of the BPSC at URL (e.g. http://127.0.0.1:5000)
  --manual     manual block production for the default chains
  --demo       three nodes: 5000 (BPSC), 5001 and 5002 (replicas of http://127.0.0.1:5000),
               all with manual block production; Ctrl-C stops the three nodes
  --functions  the Azure Functions worker under Core Tools: Azurite with blob, queue and table,
               local.settings.json from local.settings.sample.json if missing, then `func start`
               in FunctionApp/Worker (needs Azure Functions Core Tools v4 on PATH)
  -h, --help   show this help
  Arguments after -- are passed to the node unchanged.

Azurite (table service) is started on 127.0.0.1:10002 with data in .azurite/ unless something
already answers there; it keeps running after the nodes stop (kill the PID printed to stop it).

Environment:
  SMARTCHAIN_STORAGE       storage connection string (unset: Azurite dev account on 127.0.0.1:10002)
  SMARTCHAIN_TABLE_PREFIX  table name prefix (unset: the node uses sc<port>; --demo: <prefix or sc><port>)
  SMARTCHAIN_ADMIN_KEY     admin API key (unset: a random key made on first run and kept in
                           .smartchain/admin-key, mode 0600, git-ignored; the path is printed)
EOF
}

port=5000
bpsc=""
manual=0
demo=0
functions=0
extra=()
while (($#)); do
    case "$1" in
        --port)
            [[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]] || { echo "run.sh: --port needs a number" >&2; exit 2; }
            port="$2"; shift 2 ;;
        --port=*) port="${1#*=}"; shift ;;
        --bpsc)
            [[ $# -ge 2 && -n "$2" ]] || { echo "run.sh: --bpsc needs a URL" >&2; exit 2; }
            bpsc="$2"; shift 2 ;;
        --bpsc=*) bpsc="${1#*=}"; shift ;;
        --manual) manual=1; shift ;;
        --demo) demo=1; shift ;;
        --functions) functions=1; shift ;;
        -h|--help) usage; exit 0 ;;
        --) shift; extra=("$@"); break ;;
        *) echo "run.sh: unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
done
if [[ ! "$port" =~ ^[0-9]+$ ]]; then
    echo "run.sh: --port needs a number" >&2
    exit 2
fi
if ((demo)) && [[ -n "$bpsc" || "$port" != 5000 ]]; then
    echo "run.sh: --demo uses fixed ports 5000-5002 and cannot be combined with --port/--bpsc" >&2
    exit 2
fi

# --- the Functions worker under Core Tools (the product as it runs on Azure) ---
if ((functions)); then
    if ! command -v func >/dev/null 2>&1; then
        cat >&2 <<'EOF2'
run.sh: Azure Functions Core Tools v4 (`func`) is not on PATH, so the Functions worker cannot be run.
Install it, then run ./run.sh --functions again:
  npm i -g azure-functions-core-tools@4 --unsafe-perm true     (any OS with Node.js)
  or see https://learn.microsoft.com/azure/azure-functions/functions-run-local#install-the-azure-functions-core-tools
Its installer downloads the Functions host binary. Without it, ./run.sh runs the self-hosted node.
EOF2
        exit 3
    fi
    azurite_install
    if port_answers 127.0.0.1 10000; then
        echo "Azurite: something already answers on 127.0.0.1:10000 (blob); using it."
    else
        mkdir -p .azurite
        node_modules/.bin/azurite --silent --location "$PWD/.azurite" --debug "$PWD/.azurite/azurite-debug.log" \
            --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 >"$PWD/.azurite/azurite.log" 2>&1 &
        echo "Azurite: started blob (10000), queue (10001) and table (10002), PID $! (data in .azurite/)."
        echo "         The Functions host keeps timer state and keys in blobs. Stop it with: kill $!"
    fi
    if [[ ! -f FunctionApp/Worker/local.settings.json ]]; then
        cp local.settings.sample.json FunctionApp/Worker/local.settings.json
        echo "Wrote FunctionApp/Worker/local.settings.json from local.settings.sample.json (git-ignored)."
    fi
    echo "Starting the Functions worker with func start (admin routes are OPEN without --enableAuth)..."
    cd FunctionApp/Worker
    exec func start ${extra[@]+"${extra[@]}"}
fi

# --- Azurite (table service) on the well-known port, shared by all nodes and left running ---
azurite_install
AZURITE_PORT=10002
if port_answers 127.0.0.1 "$AZURITE_PORT"; then
    echo "Azurite: something already answers on 127.0.0.1:$AZURITE_PORT; using it."
else
    mkdir -p .azurite
    azurite_pid="$(azurite_start_table "$AZURITE_PORT" "$PWD/.azurite" "$PWD/.azurite/azurite.log")"
    echo "Azurite: started table service on 127.0.0.1:$AZURITE_PORT (PID $azurite_pid, data in .azurite/, log .azurite/azurite.log)."
    echo "         It keeps running after the nodes stop; stop it with: kill $azurite_pid"
fi

# --- admin key ---
# No well-known default: a random key, made on first run and kept (git-ignored) for the next ones.
if [[ -n "${SMARTCHAIN_ADMIN_KEY:-}" ]]; then
    echo "Admin key: taken from SMARTCHAIN_ADMIN_KEY (not shown)."
else
    admin_key_load "$PWD/.smartchain"
    if ((ADMIN_KEY_CREATED)); then
        echo "Admin key: made a random key, kept in $PWD/.smartchain/admin-key (mode 0600, git-ignored)."
    else
        echo "Admin key: kept in $PWD/.smartchain/admin-key."
    fi
    echo "           Send it as the x-functions-key header: -H \"x-functions-key: \$(cat .smartchain/admin-key)\""
fi

# --- build once, then run the built dll ---
echo "Building the self-hosted node FunctionApp/SelfHost (Release)..."
dotnet build FunctionApp/SelfHost -c Release -v q --nologo
DLL="FunctionApp/SelfHost/bin/Release/net10.0/SmartChain.SelfHost.dll"
if [[ ! -f "$DLL" ]]; then
    echo "run.sh: build succeeded but $DLL is missing" >&2
    exit 1
fi

if ((!demo)); then
    args=(--port "$port")
    [[ -n "$bpsc" ]] && args+=(--bpsc "$bpsc")
    ((manual)) && args+=(--manual)
    args+=(${extra[@]+"${extra[@]}"})
    echo "Starting node on http://127.0.0.1:$port${bpsc:+ (replica of $bpsc)} ..."
    exec dotnet "$DLL" "${args[@]}"
fi

# --- demo: three nodes in the background ---
prefix="${SMARTCHAIN_TABLE_PREFIX:-sc}"
demo_ports=(5000 5001 5002)
for p in "${demo_ports[@]}"; do
    if port_answers 127.0.0.1 "$p"; then
        echo "run.sh: port $p is already in use; stop whatever listens there first" >&2
        exit 1
    fi
done

pids=()
stopping=0
stop_nodes() {
    stopping=1
    local pid i
    echo
    echo "Stopping the demo nodes (Azurite keeps running)..."
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for ((i = 0; i < 100; i++)); do
        local alive=0
        for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
        ((alive)) || break
        sleep 0.1
    done
    for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap 'stop_nodes; exit 130' INT
trap 'stop_nodes; exit 143' TERM

start_node() { # PORT [ARGS...]
    local p="$1"
    shift
    SMARTCHAIN_TABLE_PREFIX="${prefix}${p}" dotnet "$DLL" --port "$p" --manual "$@" ${extra[@]+"${extra[@]}"} &
    pids+=($!)
}

wait_port() { # PORT PID
    local p="$1" pid="$2" deadline=$((SECONDS + 60))
    while ((SECONDS < deadline)); do
        port_answers 127.0.0.1 "$p" && return 0
        kill -0 "$pid" 2>/dev/null || return 1
        sleep 0.3
    done
    return 1
}

start_node 5000
if ! wait_port 5000 "${pids[0]}"; then
    echo "run.sh: the BPSC node on port 5000 did not come up" >&2
    stop_nodes
    exit 1
fi
start_node 5001 --bpsc http://127.0.0.1:5000
start_node 5002 --bpsc http://127.0.0.1:5000
wait_port 5001 "${pids[1]}" || echo "run.sh: warning: node on port 5001 is not answering" >&2
wait_port 5002 "${pids[2]}" || echo "run.sh: warning: node on port 5002 is not answering" >&2

cat <<EOF

SmartChain demo is running (manual block production, table prefixes ${prefix}5000/${prefix}5001/${prefix}5002):
  BPSC      http://127.0.0.1:5000
  replica   http://127.0.0.1:5001   (of http://127.0.0.1:5000)
  replica   http://127.0.0.1:5002   (of http://127.0.0.1:5000)
Press Ctrl-C to stop the three nodes (Azurite keeps running).
EOF

# Stay until Ctrl-C/TERM, or until one node exits on its own (then stop the others).
rc=0
wait -n "${pids[@]}" || rc=$?
if ((!stopping)); then
    echo "run.sh: a demo node exited (status $rc); stopping the others." >&2
    stop_nodes
    exit $((rc == 0 ? 1 : rc))
fi
