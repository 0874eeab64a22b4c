#!/bin/sh
# A PostgreSQL server of the test run's own, in a temporary directory on a
# free loopback port.
#   pg-test-server.sh start DIR   -> prints the connection URL
#   pg-test-server.sh halt DIR     stop it, keeping its data
#   pg-test-server.sh resume DIR   start it again after halt
#   pg-test-server.sh stop DIR     stop it and remove DIR
set -eu
cmd=$1
dir=$2
bin=$(pg_config --bindir 2>/dev/null || true)
[ -x "$bin/initdb" ] || bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | tail -1)
# PostgreSQL will not run as root: as root, run it as the postgres user.
as() {
	if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case $cmd in
start)
	mkdir -p "$dir"
	[ "$(id -u)" -ne 0 ] || chown postgres "$dir"
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	as "$bin/initdb" -D "$dir/data" -U redress --auth=trust --locale=C --encoding=UTF8 >"$dir/initdb.log" 2>&1
	as sh -c "cat >> '$dir/data/postgresql.conf'" <<EOT
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
max_connections = 200
EOT
	as "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w start >/dev/null
	echo "postgresql://redress@127.0.0.1:$port/postgres"
	;;
halt)
	as "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
	;;
resume)
	as "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w start >/dev/null
	;;
stop)
	as "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
	rm -rf "$dir"
	;;
esac
