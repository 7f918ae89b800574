# Sourced by the bench scripts that drive the API through nginx (release binaries in $bin).
#   bench_scratch NAME                 a scratch directory in $dir with a private PostgreSQL cluster
#                                      in $dir/pg, all removed (with the pool and nginx) on exit
#   bench_database NAME [LINE…]       database NAME on that cluster ($db_url), $dir/ws.properties
#                                      naming it (and the LINEs), migrated
#   start_pool_behind_nginx PORT N     worksupport-api with N workers on $dir/pool.sock and config
#                                      $dir/ws.properties (log $dir/pool.log), nginx with the shipped
#                                      site file on 127.0.0.1:PORT; returns once /health answers
bench_scratch() {
    dir=$(mktemp -d "/tmp/worksupport-$1-bench.XXXXXX")
    chmod 755 "$dir"
    pool_pid=""
    trap bench_cleanup EXIT
    scripts/pg-cluster start "$dir/pg"
}

bench_database() {
    local name=$1
    shift
    db_url=$(scripts/pg-cluster url "$dir/pg" "$name")
    psql "$(scripts/pg-cluster url "$dir/pg" postgres)" -qc "CREATE DATABASE $name"
    { echo "database.url=$db_url"; for line in "$@"; do echo "$line"; done; } > "$dir/ws.properties"
    "$bin/worksupport" migrate --config "$dir/ws.properties" --migrations migrations >/dev/null
}

bench_cleanup() {
    [ -f "$dir/nginx.pid" ] && kill "$(cat "$dir/nginx.pid")" 2>/dev/null || true
    [ -n "$pool_pid" ] && kill "$pool_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    scripts/pg-cluster stop "$dir/pg" || true
    rm -rf "$dir"
}

start_pool_behind_nginx() {
    local port=$1 workers=$2
    "$bin/worksupport-api" --config "$dir/ws.properties" --socket "$dir/pool.sock" --workers "$workers" \
        --slowlog-ms 0 2>"$dir/pool.log" &
    pool_pid=$!
    sed -e "s#listen 127.0.0.1:8080;#listen 127.0.0.1:$port;#" -e "s#unix:/run/worksupport/api.sock#unix:$dir/pool.sock#" \
        -e "s#access_log /var/log/nginx/worksupport-access.log worksupport_json;#access_log off;#" \
        -e "/^log_format/,/;\$/d" -e "/limit_req/d" nginx/worksupport.conf > "$dir/site.conf"  # no rate limits: one key sends all
    cp /etc/nginx/fastcgi_params "$dir/"
    local user=""; [ "$(id -u)" = 0 ] && user="user root;"
    cat > "$dir/nginx.conf" <<CONF
$user
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
    client_body_temp_path $dir/body; fastcgi_temp_path $dir/fastcgi; proxy_temp_path $dir/proxy;
    uwsgi_temp_path $dir/uwsgi; scgi_temp_path $dir/scgi;
    include $dir/site.conf;
}
CONF
    nginx -c "$dir/nginx.conf" -e "$dir/error.log"
    for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
}
