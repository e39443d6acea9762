#!/usr/bin/env bash
# Starts Debian's legacy clickhouse-server (18.16) on loopback with a throw-away config and data
# directory, for the server-version refusal test. Prints the HTTP URL on stdout; writes the
# server's pid to $dir/clickhouse.pid (the directory is named on stderr) and, when set, to
# $SIGHTLINE_LEGACY_CLICKHOUSE_PIDFILE. Exits 1 when the
# server binary is not installed (apt-get install -y clickhouse-server).
set -euo pipefail

server_binary="$(command -v clickhouse-server || true)"
if [[ -z "$server_binary" ]]; then
  echo "clickhouse-server is not installed (apt-get install -y clickhouse-server)" >&2
  exit 1
fi

port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pick_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 30000))
    if port_is_free "$port"; then
      echo "$port"
      return 0
    fi
  done
  echo "no free port found" >&2
  return 1
}

dir="$(mktemp -d "${TMPDIR:-/tmp}/sightline-legacy-clickhouse.XXXXXX")"
http_port="$(pick_port)"
tcp_port="$(pick_port)"
while [[ "$tcp_port" == "$http_port" ]]; do tcp_port="$(pick_port)"; done
mkdir -p "$dir/data" "$dir/tmp" "$dir/user_files" "$dir/log" "$dir/format_schemas"

cat >"$dir/users.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <profiles><default></default></profiles>
  <users>
    <default>
      <password></password>
      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </default>
  </users>
  <quotas><default></default></quotas>
</yandex>
XML

cat >"$dir/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <logger>
    <level>warning</level>
    <log>$dir/log/server.log</log>
    <errorlog>$dir/log/server.err.log</errorlog>
    <size>10M</size>
    <count>1</count>
  </logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>$http_port</http_port>
  <tcp_port>$tcp_port</tcp_port>
  <path>$dir/data/</path>
  <tmp_path>$dir/tmp/</tmp_path>
  <user_files_path>$dir/user_files/</user_files_path>
  <format_schema_path>$dir/format_schemas/</format_schema_path>
  <users_config>$dir/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>67108864</mark_cache_size>
  <uncompressed_cache_size>67108864</uncompressed_cache_size>
  <mlock_executable>false</mlock_executable>
</yandex>
XML

"$server_binary" --config-file="$dir/config.xml" >"$dir/log/stdout.log" 2>&1 &
pid=$!
echo "$pid" >"$dir/clickhouse.pid"
if [[ -n "${SIGHTLINE_LEGACY_CLICKHOUSE_PIDFILE:-}" ]]; then echo "$pid" >"$SIGHTLINE_LEGACY_CLICKHOUSE_PIDFILE"; fi
echo "legacy clickhouse-server pid $pid, directory $dir" >&2

url="http://127.0.0.1:$http_port"
for _ in $(seq 1 100); do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "clickhouse-server exited during start; log:" >&2
    tail -n 20 "$dir/log/stdout.log" "$dir/log/server.err.log" >&2 || true
    exit 1
  fi
  if curl -fsS "$url/ping" >/dev/null 2>&1; then
    echo "$url"
    exit 0
  fi
  sleep 0.2
done
echo "clickhouse-server did not answer on $url within 20 s" >&2
kill "$pid" 2>/dev/null || true
exit 1
