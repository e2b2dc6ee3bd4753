#!/usr/bin/env bash
# A private PostgreSQL cluster for development and tests.
#
#   scripts/postgres.sh start     start the cluster (creates it on first use)
#   scripts/postgres.sh stop      stop it (fast shutdown)
#   scripts/postgres.sh restart   restart it (fast: every connection is dropped)
#   scripts/postgres.sh status    print running/stopped; exit 0 when running, 3 when stopped
#   scripts/postgres.sh url       print the admin connection string (Npgsql key=value form)
#   scripts/postgres.sh psql ...  run psql against the admin connection, passing the arguments on
#
# When CLINIC_DB holds an Npgsql connection string, that server is used instead and start/stop do nothing.
# Otherwise the cluster lives in .data/postgres of the repository (git-ignored) and listens only on
# 127.0.0.1:${CLINIC_PG_PORT:-55432}. PostgreSQL refuses to run as root, so as root the server runs as the
# `postgres` OS user; if that user cannot reach the repository (a clone under /root, say), the cluster goes
# to a private folder in /tmp named after the repository path instead.
set -euo pipefail

readonly PG_USER=postgres
readonly PG_PASSWORD=clinic
readonly PG_OS_USER=postgres
readonly START_TIMEOUT_SECONDS=30

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
readonly REPO_ROOT
PORT="${CLINIC_PG_PORT:-55432}"
readonly PORT

log() { printf 'postgres: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

is_root() { [[ "$(id -u)" -eq 0 ]]; }

# Runs a command as the OS user that owns the cluster: ourselves, or `postgres` when we are root.
# From / so that tools do not complain about a working directory they cannot read.
as_owner() {
  if is_root; then
    if command -v runuser >/dev/null 2>&1; then
      (cd / && runuser -u "$PG_OS_USER" -- "$@")
    else
      local quoted
      quoted="$(printf '%q ' "$@")"
      (cd / && su -s /bin/sh "$PG_OS_USER" -c "$quoted")
    fi
  else
    "$@"
  fi
}

# --- connection strings ----------------------------------------------------------------------------

admin_url() {
  if [[ -n "${CLINIC_DB:-}" ]]; then
    printf '%s\n' "$CLINIC_DB"
  else
    printf 'Host=127.0.0.1;Port=%s;Username=%s;Password=%s;Database=postgres\n' "$PORT" "$PG_USER" "$PG_PASSWORD"
  fi
}

# Translates an Npgsql connection string into the PG* variables libpq tools read.
# Best effort: covers the keys people actually write, not quoted values containing ';'.
export_libpq_env() {
  local connection_string="$1" part key value
  local -a parts
  IFS=';' read -r -a parts <<<"$connection_string"
  for part in "${parts[@]}"; do
    [[ "$part" == *=* ]] || continue
    key="${part%%=*}"
    value="${part#*=}"
    key="$(printf '%s' "$key" | tr -d '[:space:]' | tr '[:upper:]' '[:lower:]')"
    value="${value#"${value%%[![:space:]]*}"}"
    value="${value%"${value##*[![:space:]]}"}"
    if [[ "$value" =~ ^\'(.*)\'$ || "$value" =~ ^\"(.*)\"$ ]]; then
      value="${BASH_REMATCH[1]}"
    fi
    case "$key" in
      host | server) export PGHOST="$value" ;;
      port) export PGPORT="$value" ;;
      username | userid | user | uid) export PGUSER="$value" ;;
      password | pwd | passwd) export PGPASSWORD="$value" ;;
      database | db) export PGDATABASE="$value" ;;
      sslmode)
        case "$(printf '%s' "$value" | tr '[:upper:]' '[:lower:]')" in
          verifyca) export PGSSLMODE=verify-ca ;;
          verifyfull) export PGSSLMODE=verify-full ;;
          *) PGSSLMODE="$(printf '%s' "$value" | tr '[:upper:]' '[:lower:]')"; export PGSSLMODE ;;
        esac
        ;;
      *) ;;
    esac
  done
}

# --- binaries --------------------------------------------------------------------------------------

has_server_binaries() { [[ -n "$1" && -x "$1/initdb" && -x "$1/pg_ctl" && -x "$1/postgres" ]]; }

find_bindir() {
  local dir
  if command -v pg_config >/dev/null 2>&1; then
    dir="$(pg_config --bindir 2>/dev/null || true)"
    if has_server_binaries "$dir"; then printf '%s\n' "$dir"; return 0; fi
  fi
  # Debian/Ubuntu keep each major version apart; take the highest.
  while IFS= read -r dir; do
    if has_server_binaries "$dir"; then printf '%s\n' "$dir"; return 0; fi
  done < <(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -type d -name bin 2>/dev/null | sort -t/ -k5,5Vr)
  if command -v initdb >/dev/null 2>&1; then
    dir="$(dirname "$(command -v initdb)")"
    if has_server_binaries "$dir"; then printf '%s\n' "$dir"; return 0; fi
  fi
  return 1
}

install_postgresql() {
  command -v apt-get >/dev/null 2>&1 ||
    die "no PostgreSQL server binaries found and no apt-get to install them; install PostgreSQL 14+ or set CLINIC_DB"
  local -a sudo=()
  if ! is_root; then
    command -v sudo >/dev/null 2>&1 || die "no PostgreSQL server binaries found; run 'apt-get install postgresql' as root or set CLINIC_DB"
    sudo=(sudo)
  fi
  log "no PostgreSQL server binaries found; installing the Debian package 'postgresql'"
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
}

BINDIR=""
require_bindir() {
  [[ -n "$BINDIR" ]] && return 0
  if ! BINDIR="$(find_bindir)"; then
    install_postgresql
    BINDIR="$(find_bindir)" || die "PostgreSQL was installed but initdb/pg_ctl/postgres were not found"
  fi
}

# pg_isready and psql, from the server's bin folder when we know it, else from PATH.
client_tool() {
  local name="$1" dir
  if [[ -n "$BINDIR" && -x "$BINDIR/$name" ]]; then printf '%s\n' "$BINDIR/$name"; return 0; fi
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
  if dir="$(find_bindir)" && [[ -x "$dir/$name" ]]; then printf '%s\n' "$dir/$name"; return 0; fi
  return 1
}

# --- where the cluster lives -----------------------------------------------------------------------

repo_data_dir() { printf '%s/.data/postgres\n' "$REPO_ROOT"; }

fallback_base_dir() {
  local hash
  if command -v sha256sum >/dev/null 2>&1; then
    hash="$(printf '%s' "$REPO_ROOT" | sha256sum | cut -c1-16)"
  else
    hash="$(printf '%s' "$REPO_ROOT" | cksum | cut -d' ' -f1)"
  fi
  printf '/tmp/clinic-pg-%s\n' "$hash"
}

# Can the postgres OS user walk down to the repository's .data folder?
owner_can_reach_repo() {
  is_root || return 0
  id "$PG_OS_USER" >/dev/null 2>&1 || return 0 # user created later; checked again at start
  local probe="$REPO_ROOT/.data"
  [[ -d "$probe" ]] || probe="$REPO_ROOT"
  as_owner test -x "$probe" 2>/dev/null
}

# Side-effect free, so that start, stop and status always agree.
data_dir() {
  if owner_can_reach_repo; then
    repo_data_dir
  else
    printf '%s/postgres\n' "$(fallback_base_dir)"
  fi
}

ensure_os_user() {
  is_root || return 0
  id "$PG_OS_USER" >/dev/null 2>&1 && return 0
  log "creating the OS user '$PG_OS_USER' to run the server"
  useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$PG_OS_USER"
}

# Creates the folder that will hold the cluster, owned by the cluster's OS user, mode 700.
prepare_data_dir() {
  local dir="$1" parent
  parent="$(dirname "$dir")"
  if [[ "$parent" == "$REPO_ROOT/.data" ]]; then
    if [[ ! -d "$parent" ]]; then
      mkdir -p "$parent"
      # The postgres OS user must be able to pass through; secrets in here are files of mode 600.
      chmod 755 "$parent"
    fi
  else
    # Private folder in /tmp: refuse anything we did not create ourselves.
    if [[ ! -e "$parent" ]]; then
      mkdir -m 700 "$parent"
      chown "$PG_OS_USER:" "$parent"
    fi
    [[ -d "$parent" && ! -L "$parent" ]] || die "$parent exists and is not a plain directory"
    [[ "$(stat -c %U "$parent")" == "$PG_OS_USER" ]] || die "$parent is not owned by $PG_OS_USER; remove it and retry"
    chmod 700 "$parent"
  fi
  if [[ ! -d "$dir" ]]; then
    mkdir -m 700 "$dir"
    if is_root; then chown "$PG_OS_USER:" "$dir"; fi
  fi
}

# --- cluster state ---------------------------------------------------------------------------------

# PID of the running postmaster of this cluster, or nothing. A pid file whose process is gone, or
# whose PID now belongs to some other program, does not count.
postmaster_pid() {
  local dir="$1" pid comm
  [[ -f "$dir/postmaster.pid" ]] || return 1
  pid="$(head -n 1 "$dir/postmaster.pid" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  if [[ -r "/proc/$pid/comm" ]]; then
    comm="$(cat "/proc/$pid/comm")"
    [[ "$comm" == postgres || "$comm" == postmaster ]] || return 1
  fi
  printf '%s\n' "$pid"
}

is_running() { postmaster_pid "$1" >/dev/null; }

is_ready() {
  local pg_isready
  pg_isready="$(client_tool pg_isready)" || return 1
  "$pg_isready" -q -h 127.0.0.1 -p "$PORT" -U "$PG_USER" -d postgres
}

remove_stale_pid_file() {
  local dir="$1"
  [[ -f "$dir/postmaster.pid" ]] || return 0
  log "removing stale postmaster.pid (no server runs under its PID)"
  rm -f "$dir/postmaster.pid" "$dir"/.s.PGSQL.*
}

init_cluster() {
  local dir="$1" pwfile socket_dir
  local -a locale_args
  log "creating a new cluster in $dir"
  pwfile="$(mktemp)"
  # shellcheck disable=SC2064 # expand now: the path is what must be removed
  trap "rm -f '$pwfile'" EXIT
  printf '%s\n' "$PG_PASSWORD" >"$pwfile"
  if is_root; then chown "$PG_OS_USER:" "$pwfile"; fi
  chmod 600 "$pwfile"

  # C.UTF-8 sorts predictably and still knows upper/lower case beyond ASCII; plain C where missing.
  if locale -a 2>/dev/null | grep -qix 'c\.utf-\?8'; then
    locale_args=(--locale=C.UTF-8)
  else
    locale_args=(--no-locale)
  fi
  as_owner "$BINDIR/initdb" -D "$dir" -U "$PG_USER" --encoding=UTF8 "${locale_args[@]}" \
    --auth-local=trust --auth-host=scram-sha-256 --pwfile="$pwfile" >/dev/null
  rm -f "$pwfile"
  trap - EXIT

  # Unix sockets have a path limit of about 107 bytes; deep checkouts go TCP-only.
  socket_dir="$dir"
  if ((${#dir} + 20 > 100)); then socket_dir=""; fi
  as_owner tee -a "$dir/postgresql.conf" >/dev/null <<EOF

# Clinic development cluster (scripts/postgres.sh). The port is given on the command line.
listen_addresses = '127.0.0.1'
unix_socket_directories = '${socket_dir//\'/\'\'}'
max_connections = 200
shared_buffers = 64MB
EOF
}

# --- commands --------------------------------------------------------------------------------------

cmd_start() {
  if [[ -n "${CLINIC_DB:-}" ]]; then
    log "CLINIC_DB is set; using that server, nothing to start"
    return 0
  fi
  [[ "$PORT" =~ ^[0-9]+$ ]] || die "CLINIC_PG_PORT must be a number, got '$PORT'"
  require_bindir
  ensure_os_user
  local dir pid deadline
  dir="$(data_dir)"
  prepare_data_dir "$dir"
  [[ -f "$dir/PG_VERSION" ]] || init_cluster "$dir"

  if pid="$(postmaster_pid "$dir")"; then
    if is_ready; then
      log "already running (pid $pid, port $PORT)"
      return 0
    fi
    log "server process $pid exists; waiting for it to accept connections"
  else
    remove_stale_pid_file "$dir"
    if is_ready; then
      die "another server already answers on 127.0.0.1:$PORT; choose a free port with CLINIC_PG_PORT"
    fi
    log "starting on 127.0.0.1:$PORT (data in $dir)"
    # pg_ctl puts the server in its own session, so Ctrl-C in the calling terminal does not reach it.
    if ! as_owner "$BINDIR/pg_ctl" -D "$dir" -l "$dir/server.log" -o "-p $PORT" -w -t "$START_TIMEOUT_SECONDS" start >/dev/null; then
      log "failed to start; end of $dir/server.log:"
      tail -n 20 "$dir/server.log" >&2 || true
      exit 1
    fi
  fi

  deadline=$((SECONDS + START_TIMEOUT_SECONDS))
  until is_ready; do
    if ((SECONDS >= deadline)); then
      log "did not accept connections within ${START_TIMEOUT_SECONDS}s; end of $dir/server.log:"
      tail -n 20 "$dir/server.log" >&2 || true
      exit 1
    fi
    sleep 0.5
  done
  log "ready: $(admin_url)"
}

cmd_stop() {
  if [[ -n "${CLINIC_DB:-}" ]]; then
    log "CLINIC_DB is set; that server is not ours to stop"
    return 0
  fi
  local dir
  dir="$(data_dir)"
  if ! is_running "$dir"; then
    log "not running"
    return 0
  fi
  require_bindir
  as_owner "$BINDIR/pg_ctl" -D "$dir" -m fast -w -t 60 stop >/dev/null
  log "stopped"
}

# A fast restart (the server drops every connection), as the load tests' fault run needs.
cmd_restart() {
  if [[ -n "${CLINIC_DB:-}" ]]; then
    die "CLINIC_DB is set; that server is not ours to restart"
  fi
  local dir
  dir="$(data_dir)"
  is_running "$dir" || die "not running"
  require_bindir
  as_owner "$BINDIR/pg_ctl" -D "$dir" -l "$dir/server.log" -m fast -w -t 60 restart >/dev/null
  log "restarted"
}

cmd_status() {
  if [[ -n "${CLINIC_DB:-}" ]]; then
    local psql
    if ! psql="$(client_tool psql)"; then
      echo "unknown (CLINIC_DB is set; psql is not installed to check it)"
      return 0
    fi
    export_libpq_env "$CLINIC_DB"
    if PGCONNECT_TIMEOUT=5 "$psql" -X -q -t -A -c 'select 1' >/dev/null 2>&1; then
      echo "running (CLINIC_DB)"
      return 0
    fi
    echo "stopped (CLINIC_DB is set but does not answer)"
    return 3
  fi
  local dir pid
  dir="$(data_dir)"
  if pid="$(postmaster_pid "$dir")"; then
    echo "running (pid $pid, port $PORT, data in $dir)"
    return 0
  fi
  echo "stopped"
  return 3
}

cmd_psql() {
  local psql
  psql="$(client_tool psql)" || die "psql not found"
  export_libpq_env "$(admin_url)"
  "$psql" -X "$@"
}

usage() {
  echo "usage: $0 start|stop|restart|status|url|psql [psql arguments]" >&2
  exit 2
}

main() {
  [[ $# -ge 1 ]] || usage
  local command="$1"
  shift
  case "$command" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    restart) cmd_restart ;;
    status) cmd_status ;;
    url) admin_url ;;
    psql) cmd_psql "$@" ;;
    *) usage ;;
  esac
}

main "$@"
