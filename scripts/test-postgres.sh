#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL 15 for the registry's tests (Debian's binaries, loopback only).
#
#   url=$(scripts/test-postgres.sh start [DIR] [PORT])   # prints the JDBC URL for POLDER_TEST_POSTGRES_URL
#   scripts/test-postgres.sh stop [DIR]
#
# initdb refuses to run as root, so as root the server runs as the postgres user.
set -euo pipefail
action="${1:?usage: test-postgres.sh start|stop [DIR] [PORT]}"
dir="${2:-/tmp/polder-test-postgres}"
port="${3:-}"
if [ -z "$port" ]; then
  # the first free loopback port from 55432 on
  port=55432
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
fi
bin=/usr/lib/postgresql/15/bin

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ ! -x "$bin/initdb" ]; then
  echo "test-postgres: installing postgresql-15" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >&2
fi

case "$action" in
  start)
    rm -rf "$dir"
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres >/dev/null
    as_owner "$bin/pg_ctl" -D "$dir/data" -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" \
      -l "$dir/server.log" -w start >/dev/null
    as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "CREATE DATABASE polder_test" >/dev/null
    echo "jdbc:postgresql://127.0.0.1:$port/polder_test?user=postgres"
    ;;
  stop)
    if [ -d "$dir/data" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: test-postgres.sh start|stop [DIR] [PORT]" >&2
    exit 2
    ;;
esac
