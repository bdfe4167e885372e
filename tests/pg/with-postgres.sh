#!/usr/bin/env bash
# Runs a command with a private PostgreSQL 15 server: initdb in a temporary
# directory as an unprivileged user (the `postgres` system user when run as
# root), listening on a free loopback port, stopped and removed at the end.
# The command sees:
#   PROCURA_TEST_PG_URL    postgresql://procura:…@127.0.0.1:PORT/procura
#   PROCURA_TEST_PG_ADMIN  the same server's `postgres` maintenance database
#   PROCURA_TEST_PG_PORT / PROCURA_TEST_PG_DIR
# Usage: tests/pg/with-postgres.sh COMMAND [ARGS...]
set -euo pipefail

bin=/usr/lib/postgresql/15/bin
[[ -x $bin/initdb ]] || { echo "with-postgres: $bin/initdb missing (apt install postgresql-15)" >&2; exit 2; }

dir=$(mktemp -d /tmp/procura-pg.XXXXXX)
chmod 755 "$dir"
as_user=()
if [[ $(id -u) -eq 0 ]]; then
  chown postgres: "$dir"
  as_user=(runuser -u postgres --)
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')

cleanup() {
  "${as_user[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

echo "$password" > "$dir/pw"
chmod 644 "$dir/pw"
"${as_user[@]}" "$bin/initdb" -D "$dir/data" -U procura --pwfile="$dir/pw" \
  --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
"${as_user[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c max_connections=200" \
  start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
"${as_user[@]}" "$bin/psql" -h "$dir" -p "$port" -U procura -d postgres -qc "CREATE DATABASE procura" >/dev/null

export PROCURA_TEST_PG_URL="postgresql://procura:$password@127.0.0.1:$port/procura"
export PROCURA_TEST_PG_ADMIN="postgresql://procura:$password@127.0.0.1:$port/postgres"
export PROCURA_TEST_PG_PORT=$port PROCURA_TEST_PG_DIR=$dir
set +e
"$@"
rc=$?
exit $rc
