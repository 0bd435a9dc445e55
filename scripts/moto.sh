#!/usr/bin/env bash
# Starts or stops a moto_server on a free loopback port.
#   eval "$(scripts/moto.sh start)"   exports HANAT_MOTO_URL and HANAT_MOTO_PID
#   scripts/moto.sh stop "$HANAT_MOTO_PID"
# moto serves every AWS service on one URL; its log goes to ${HANAT_MOTO_LOG:-/tmp/hanat-moto-PORT.log}.
set -euo pipefail

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
  if ! command -v moto_server >/dev/null 2>&1; then
    echo "moto_server is not installed: run scripts/bootstrap.sh (it installs moto[server] where pip can)." >&2
    exit 1
  fi
  local port log pid url
  port=$(free_port)
  log="${HANAT_MOTO_LOG:-/tmp/hanat-moto-$port.log}"
  # The request recorder appends to this file; keep it out of the working tree.
  export MOTO_RECORDER_FILEPATH="${MOTO_RECORDER_FILEPATH:-/tmp/hanat-moto-$port.recording}"
  : > "$MOTO_RECORDER_FILEPATH"
  # setsid: the server gets its own process group, so stop can end it and any child it spawned.
  setsid moto_server -H 127.0.0.1 -p "$port" >"$log" 2>&1 < /dev/null &
  pid=$!
  url="http://127.0.0.1:$port"
  for _ in $(seq 1 150); do
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
  echo "moto_server did not answer on $url within 15 s; log: $log" >&2
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
