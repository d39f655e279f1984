#!/usr/bin/env bash
# Starts MariaDB, PostgreSQL and Redis if they are not running, and waits for them.
set -uo pipefail

wait_for() {
  local name=$1 check=$2
  for _ in $(seq 1 60); do
    if eval "$check" >/dev/null 2>&1; then echo "$name is up"; return 0; fi
    sleep 1
  done
  echo "$name did not come up" >&2
  return 1
}

if ! mysqladmin ping -h127.0.0.1 -uroot >/dev/null 2>&1; then
  echo "starting MariaDB"
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
fi
if ! pg_isready -h 127.0.0.1 -q; then
  echo "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
fi
if ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
  echo "starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
fi

wait_for MariaDB "mysqladmin ping -h127.0.0.1 -uroot" &&
  wait_for PostgreSQL "pg_isready -h 127.0.0.1 -q" &&
  wait_for Redis "redis-cli -h 127.0.0.1 ping"
