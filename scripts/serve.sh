#!/bin/sh
# Runs the built API (default) or a distributed worker with V8's heap sized for a server
# (scripts/heap.js), replacing this shell so that signals reach the server itself: for
# containers and service managers. `npm start` does the same after building.
set -eu
cd "$(dirname "$0")/.."
role="${1:-api}"
case "$role" in
  api | worker) ;;
  *)
    echo "usage: sh scripts/serve.sh [api|worker]" >&2
    exit 2
    ;;
esac
flags="$(node scripts/heap.js)"
# shellcheck disable=SC2086 # the flags are separate words (or none)
exec node $flags "dist/apps/$role/apps/$role/src/main.js"
