# Shared by the benchmark scripts: installs, a work folder cleaned up on exit, free ports,
# readiness, RSS, a throwaway PostgreSQL, and a daemon with organization acme and server acme-docs.
# Sourced, not run.

log() { printf '==> %s\n' "$*" >&2; }

need_packages() { # PACKAGE...
    local need=()
    for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg"); done
    if [ ${#need[@]} -gt 0 ]; then
        log "installing ${need[*]}"
        if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
        $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
    fi
}

build_release() {
    log "swift build -c release"
    swift build -c release --product mcplatformd >/dev/null
    swift build -c release --product mcpctl >/dev/null
    bin=$PWD/.build/release
}

work=$(mktemp -d /tmp/mcplatform-bench.XXXXXX)
chmod 755 "$work"
pids=()
pg_bin=""
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    if [ -n "$pg_bin" ]; then as_pg "'$pg_bin/pg_ctl' -D '$work/pg/data' -m immediate stop" >/dev/null 2>&1 || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
if [ "$(id -u)" -eq 0 ]; then as_pg() { su postgres -s /bin/sh -c "$*"; }; else as_pg() { sh -c "$*"; }; fi
if [ "$(nproc)" -ge 2 ]; then SERVER_CPU="taskset -c 0"; SERVER_CPU_ID=0; LOAD_CPU="taskset -c 1"; else SERVER_CPU=""; SERVER_CPU_ID=""; LOAD_CPU=""; fi

wait_ready() { # URL
    for _ in $(seq 1 300); do curl -fs "$1" >/dev/null 2>&1 && return 0; sleep 0.1; done
    log "not ready: $1"; return 1
}
rss() { awk -v f="$2" '$1 == f":" { printf "%.1f MiB", $2 / 1024 }' "/proc/$1/status"; }

start_postgres() {
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    local port; port=$(free_port)
    mkdir -p "$work/pg"; [ "$(id -u)" -eq 0 ] && chown postgres: "$work/pg"
    as_pg "'$pg_bin/initdb' -D '$work/pg/data' -U postgres --auth=trust -E UTF8 --no-sync" >/dev/null
    as_pg "'$pg_bin/pg_ctl' -D '$work/pg/data' -l '$work/pg/log' -w -o \"-p $port -k '$work/pg' -c listen_addresses=127.0.0.1 -c max_connections=200\" start" >/dev/null
    psql -h 127.0.0.1 -p "$port" -U postgres -q -c "CREATE ROLE bench LOGIN SUPERUSER PASSWORD 'bench'" -c "CREATE DATABASE bench OWNER bench"
    PG_PORT=$port
}

# Starts the release daemon on ENGINE (sqlite or postgres) with its data under $work/ENGINE,
# bootstraps organization acme with server acme-docs; sets home, db_url, public, admin, daemon, token.
start_daemon() { # ENGINE
    local engine=$1
    home=$work/$engine; mkdir -p "$home"
    if [ "${engine#postgres}" != "$engine" ]; then
        # One server; each daemon (postgres, postgresA, postgresB …) gets a database of its own.
        if [ -z "$pg_bin" ]; then start_postgres; fi
        local database=bench; if [ "$engine" != postgres ]; then database="bench_${engine,,}"; fi
        if [ "$database" != bench ]; then psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -q -c "CREATE DATABASE $database OWNER bench"; fi
        db_url="postgres://bench:bench@127.0.0.1:$PG_PORT/$database"
    else
        db_url="sqlite://$home/mcplatform.sqlite"
    fi
    public=$(free_port); admin=$(free_port)
    # Limits off, each only if this build has the setting (bench/ab may compare an older build).
    local limits=(MCPLATFORM_MCP_TOOL_CALLS_PER_MINUTE=0 MCPLATFORM_MCP_TOOL_CALLS_PER_MINUTE_PER_ADDRESS=0
                  MCPLATFORM_MCP_TICKETS_PER_HOUR=0 MCPLATFORM_MCP_TICKETS_PER_HOUR_PER_ADDRESS=0)
    if "$bin/mcplatformd" serve --help 2>/dev/null | grep -q -- --mcp-sessions-per-hour; then
        limits+=(MCPLATFORM_MCP_SESSIONS_PER_HOUR=0 MCPLATFORM_MCP_SESSIONS_PER_HOUR_PER_ADDRESS=0)
    fi
    # The Python server's durability (synchronous=NORMAL) unless SQLITE_SYNCHRONOUS says otherwise
    # (bench/ab ENV_B="SQLITE_SYNCHRONOUS=full" measures the cost of the default).
    if "$bin/mcplatformd" serve --help 2>/dev/null | grep -q -- --sqlite-synchronous; then
        limits+=(MCPLATFORM_SQLITE_SYNCHRONOUS=${SQLITE_SYNCHRONOUS:-normal})
    fi
    token=$(HOME=$home MCPLATFORM_DATABASE_URL=$db_url "$bin/mcplatformd" bootstrap --email bench@example.com --org acme --json \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
    env HOME="$home" MCPLATFORM_DATABASE_URL="$db_url" MCPLATFORM_PUBLIC_LISTEN=127.0.0.1:$public MCPLATFORM_ADMIN_LISTEN=127.0.0.1:$admin \
        MCPLATFORM_LOG_LEVEL=warning "${limits[@]}" $SERVER_CPU "$bin/mcplatformd" >"$home/daemon.log" 2>&1 &
    daemon=$!; pids+=("$daemon")
    wait_ready "http://127.0.0.1:$public/readyz"
    ctl servers create acme-docs --name "Acme Docs" --product Acme -q >/dev/null
}

ctl() { HOME=$home MCPCTL_URL=http://127.0.0.1:$admin MCPCTL_TOKEN=$token "$bin/mcpctl" "$@"; }

stop_daemon() {
    kill "$daemon"; wait "$daemon" 2>/dev/null || true
    if [ -n "$pg_bin" ]; then as_pg "'$pg_bin/pg_ctl' -D '$work/pg/data' -m immediate stop" >/dev/null 2>&1 || true; rm -rf "$work/pg"; pg_bin=""; fi
}
