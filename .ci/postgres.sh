#!/usr/bin/env bash
# Start a local PostgreSQL for the store and API tests and export KRONIKA_TEST_PG_URL.
#
#   source .ci/postgres.sh     # CI (.ci/run) does this; the variable stays set for pytest
#   bash .ci/postgres.sh       # prints the export line to copy into your shell
#
# Needs root on Debian (installs the package when missing). Safe to run twice: an existing cluster,
# role and database are reused, and the password is reset to the known one. Works without systemd
# (pg_ctlcluster starts the server directly). Written as one function that returns instead of
# exiting, so sourcing it from a `set -e` script never kills the caller half-way.

_kronika_pg_setup() {
  local user=kronika password=kronika db=kronika_test
  export DEBIAN_FRONTEND=noninteractive
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    if [ "$(id -u)" != "0" ]; then
      echo "postgres.sh: PostgreSQL is not installed and we are not root; run: sudo apt-get install postgresql" >&2
      return 1
    fi
    apt-get update -qq && apt-get install -y -qq postgresql >/dev/null || return 1
  fi

  local version
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  if [ -z "$version" ]; then
    echo "postgres.sh: no server under /usr/lib/postgresql; reinstall the postgresql package" >&2
    return 1
  fi
  # Debian's package normally creates the "main" cluster; a slim image may not have it.
  if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main"' | grep -q .; then
    pg_createcluster "$version" main >/dev/null || return 1
  fi
  if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" && $4 ~ /online/' | grep -q .; then
    pg_ctlcluster "$version" main start || {
      echo "postgres.sh: could not start the cluster; see /var/log/postgresql/postgresql-$version-main.log" >&2
      return 1
    }
  fi
  local port
  port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')

  local i
  for i in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p "$port" && break
    sleep 1
  done
  if ! pg_isready -q -h 127.0.0.1 -p "$port"; then
    echo "postgres.sh: server on port $port did not become ready in 30 s" >&2
    return 1
  fi

  # As root (CI) become the postgres superuser with runuser; a developer's account goes through sudo.
  if [ "$(id -u)" = "0" ]; then
    _kronika_psql() { runuser -u postgres -- psql -p "$port" -v ON_ERROR_STOP=1 -qtAc "$1"; }
  else
    _kronika_psql() { sudo -u postgres psql -p "$port" -v ON_ERROR_STOP=1 -qtAc "$1"; }
  fi
  if [ "$(_kronika_psql "SELECT 1 FROM pg_roles WHERE rolname = '$user'")" != "1" ]; then
    _kronika_psql "CREATE ROLE $user LOGIN PASSWORD '$password'" || return 1
  else
    _kronika_psql "ALTER ROLE $user LOGIN PASSWORD '$password'" || return 1
  fi
  local name
  for name in "$user" "$db"; do
    if [ "$(_kronika_psql "SELECT 1 FROM pg_database WHERE datname = '$name'")" != "1" ]; then
      _kronika_psql "CREATE DATABASE $name OWNER $user ENCODING 'UTF8' TEMPLATE template0" || return 1
    fi
  done
  unset -f _kronika_psql

  # The explicit driver (+psycopg, v3, a Kronika dependency) lets plain SQLAlchemy code such as the
  # test fixture that creates a schema per test use the URL too; a bare postgresql:// means psycopg2
  # to SQLAlchemy, which is not installed. kronika.store.open_store accepts both spellings.
  export KRONIKA_TEST_PG_URL="postgresql+psycopg://$user:$password@127.0.0.1:$port/$db"
  echo "export KRONIKA_TEST_PG_URL=$KRONIKA_TEST_PG_URL"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  _kronika_pg_setup
  exit $?
fi
_kronika_pg_setup
