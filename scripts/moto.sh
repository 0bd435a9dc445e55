#!/usr/bin/env bash
# Starts or stops a moto_server: the one launcher of the test runners (test.sh, and xunit when run alone),
# the namespace suites (tests/netns/NetNs.psm1, run inside a namespace) and the benchmarks.
#   eval "$(scripts/moto.sh start)"   exports HANAT_MOTO_URL and HANAT_MOTO_PID
#   scripts/moto.sh stop "$HANAT_MOTO_PID"
# moto serves every AWS service on one URL; its log goes to ${HANAT_MOTO_LOG:-/tmp/hanat-moto-PORT.log}.
# HANAT_MOTO_HOST (default 127.0.0.1) and HANAT_MOTO_PORT (default a free port) say where it listens; the
# namespace suites bind it to an address of their own namespace. The server runs in a session of its own
# (setsid), so its id is also its process group's, and stop ends it with any child. HANAT_MOTO_WAIT (default 15)
# is how many seconds it may take to answer.
set -euo pipefail

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
  if ! command -v moto_server >/dev/null 2>&1; then
    echo "moto_server is not installed: run scripts/bootstrap.sh (it installs moto[server] where pip can)." >&2
    exit 1
  fi
  local host port log pid url
  host="${HANAT_MOTO_HOST:-127.0.0.1}"
  port="${HANAT_MOTO_PORT:-$(free_port)}"
  log="${HANAT_MOTO_LOG:-/tmp/hanat-moto-$port.log}"
  # The request recorder appends to this file; keep it out of the working tree.
  export MOTO_RECORDER_FILEPATH="${MOTO_RECORDER_FILEPATH:-/tmp/hanat-moto-$port.recording}"
  : > "$MOTO_RECORDER_FILEPATH"
  # setsid: the server gets its own process group, so stop can end it and any child it spawned.
  # moto must not pick up endpoint overrides or profiles meant for the code under test.
  env -u AWS_ENDPOINT_URL -u AWS_PROFILE setsid moto_server -H "$host" -p "$port" >"$log" 2>&1 < /dev/null &
  pid=$!
  url="http://$host:$port"
  local wait="${HANAT_MOTO_WAIT:-15}"
  for _ in $(seq 1 $((wait * 10))); do
    if curl -fsS -o /dev/null "$url/moto-api/" 2>/dev/null; then
      echo "export HANAT_MOTO_URL=$url HANAT_MOTO_PID=$pid"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "moto_server exited at start; its log ($log):" >&2
      tail -n 20 "$log" >&2
      exit 1
    fi
    sleep 0.1
  done
  echo "moto_server did not answer on $url within $wait s; log: $log" >&2
  kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
  exit 1
}

stop() {
  local pid="${1:?usage: moto.sh stop PID}"
  kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -9 -- "-$pid" 2>/dev/null || kill -9 "$pid" 2>/dev/null || true
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start | stop PID" >&2; exit 2 ;;
esac
