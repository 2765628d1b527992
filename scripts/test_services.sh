#!/usr/bin/env bash
# Installs the database servers that the token-store tests run (tests/tests/token_stores):
# PostgreSQL and Redis from Debian's packages, when their binaries are not on the machine yet.
#
# It installs; it does not start anything. Each test run starts its own throwaway servers on
# loopback ports, with data directories under the system's temp directory, and stops them
# when it ends. To use servers of your own instead, set CRONOFY_TEST_POSTGRES (e.g.
# "host=127.0.0.1 user=postgres dbname=postgres") and CRONOFY_TEST_REDIS (e.g.
# "redis://127.0.0.1:6379/"); the tests then only create rows and keys under unique names.
#
# Usage: scripts/test_services.sh [--check]   (--check: report what is missing, install nothing)
set -euo pipefail

missing=()
postgres_bin() {
    local dir
    for dir in /usr/lib/postgresql/*/bin; do
        if [ -x "$dir/initdb" ] && [ -x "$dir/postgres" ]; then
            echo "$dir"
            return 0
        fi
    done
    command -v initdb >/dev/null 2>&1 && dirname "$(command -v initdb)" && return 0
    return 1
}
postgres_bin >/dev/null || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)

if [ ${#missing[@]} -eq 0 ]; then
    echo "test services: PostgreSQL ($(postgres_bin)) and Redis ($(command -v redis-server)) are installed"
    exit 0
fi
if [ "${1:-}" = "--check" ]; then
    echo "test services: missing ${missing[*]}"
    exit 1
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
    sudo=(sudo -n)
fi
echo "test services: installing ${missing[*]} from Debian's packages"
export DEBIAN_FRONTEND=noninteractive
# One install at a time, if several test runs start together. The package scripts may try to
# start the system's own servers; the tests do not use those.
(
    flock 9
    if ! "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null; then
        "${sudo[@]}" apt-get update -q </dev/null
        "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
    fi
) 9>"${TMPDIR:-/tmp}/cronofy-rs-test-services.lock"
postgres_bin >/dev/null && command -v redis-server >/dev/null
echo "test services: installed"
