#!/usr/bin/env bash
# The local production-shaped stack: PostgreSQL, Redis, three OpenSearch nodes, an SMTP sink,
# two gunicorn web processes behind nginx and two task workers, all from this repository.
#
#   stack.sh up | down | status
#   stack.sh kill-node N | start-node N        OpenSearch node N in 1..3 (SIGKILL / start)
#   stack.sh stop-search | start-search       the whole search cluster
#   stack.sh kill-worker N | start-worker N    db_worker N in 1..2 (SIGKILL / start)
#   stack.sh restart redis|postgres|web|nginx   (web: one process at a time)
#
# State, pid files and logs live in .data/stack/ (logs in .data/stack/logs/); the environment
# every process gets is .data/stack/env (sourceable). Ports: nginx 8080, gunicorn 8101/8102,
# Redis 6380, OpenSearch 9211-9213 (transport 9311-9313), SMTP sink 8025, PostgreSQL 5432
# (database kn_stack, or $STACK_DB_NAME: a second checkout's stack starts on an empty database
# once the first is down).
set -euo pipefail

SELF="${BASH_SOURCE[0]}"; [[ "$SELF" == */* ]] || SELF="./$SELF"
HERE="$(cd "${SELF%/*}" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
STACK="$REPO/.data/stack"
LOGS="$STACK/logs"
RUN="$STACK/run"
ENV_FILE="$STACK/env"
PY="$REPO/.venv/bin/python"

NGINX_PORT=8080
WEB_PORTS=(8101 8102)
REDIS_PORT=6380
SMTP_PORT=8025
SEARCH_NODES=3
SEARCH_HTTP_BASE=9210      # node N answers on 9210+N
SEARCH_TRANSPORT_BASE=9310 # and talks to the others on 9310+N
WORKERS=2
DB_NAME="${STACK_DB_NAME:-kn_stack}"  # database and role; another name for a second checkout

say() { echo "stack: $*"; }
die() { echo "stack: $*" >&2; exit 1; }

# The name goes into SQL and a URL as it is: plain lower-case letters, digits and underscores.
[[ "$DB_NAME" =~ ^[a-z_][a-z0-9_]{0,62}$ ]] \
  || die "STACK_DB_NAME '$DB_NAME' is not a plain name (a-z, 0-9, _; starts with a letter or _)"

# ---------------------------------------------------------------- programs and services

require_programs() {
  local missing=() apt=()
  command -v redis-server >/dev/null || { missing+=(redis-server); apt+=(redis-server); }
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { missing+=(nginx); apt+=(nginx-light); }
  command -v pg_lsclusters >/dev/null || { missing+=(postgresql); apt+=(postgresql); }
  command -v java >/dev/null || { missing+=(java); apt+=(openjdk-17-jdk-headless); }
  command -v mvn >/dev/null || { missing+=(mvn); apt+=(maven); }
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      say "installing ${apt[*]} (missing: ${missing[*]})"
      { DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${apt[@]}" \
          || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${apt[@]}"; }
      } >"$LOGS/apt.log" 2>&1 || die "apt-get install failed, see $LOGS/apt.log"
    else
      die "missing ${missing[*]}: run  sudo apt-get install -y ${apt[*]}"
    fi
  fi
  [ -x "$PY" ] || die "no virtualenv at .venv: run  make install"
  "$PY" -c "import gunicorn, aiosmtpd" 2>/dev/null \
    || die "gunicorn and aiosmtpd are missing: run  .venv/bin/pip install 'gunicorn>=23,<24' 'aiosmtpd>=1.4,<2'"
}

nginx_bin() { command -v nginx || echo /usr/sbin/nginx; }

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

# The system's PostgreSQL cluster (the first one pg_lsclusters lists): "version name".
pg_cluster() { pg_lsclusters -h | awk 'NR==1 {print $1, $2}'; }

postgres_up() { pg_lsclusters -h | awk 'NR==1 {exit ($4=="online") ? 0 : 1}'; }

start_postgres() {
  postgres_up && return 0
  say "starting PostgreSQL $(pg_cluster)"
  # shellcheck disable=SC2046
  pg_ctlcluster $(pg_cluster) start
}

ensure_database() {
  local has_role has_db
  has_role=$(as_postgres psql -qtAc "SELECT 1 FROM pg_roles WHERE rolname='$DB_NAME'")
  if [ "$has_role" != 1 ]; then
    as_postgres psql -qc "CREATE ROLE $DB_NAME LOGIN PASSWORD '$DB_NAME'" >/dev/null
  fi
  has_db=$(as_postgres psql -qtAc "SELECT 1 FROM pg_database WHERE datname='$DB_NAME'")
  if [ "$has_db" != 1 ]; then
    as_postgres psql -qc "CREATE DATABASE $DB_NAME OWNER $DB_NAME" >/dev/null
  fi
}

# ---------------------------------------------------------------- processes

pidfile() { echo "$RUN/$1.pid"; }

running() {  # running NAME: its pid file names a live process
  local pid
  pid=$(cat "$(pidfile "$1")" 2>/dev/null) || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

# start_bg NAME COMMAND...: run in its own session, output to logs/NAME.log, pid in run/.
start_bg() {
  local name="$1"; shift
  if running "$name"; then return 0; fi
  (
    set -a; . "$ENV_FILE"; set +a
    cd "$REPO"
    exec setsid "$@" >>"$LOGS/$name.log" 2>&1 </dev/null
  ) &
  echo $! >"$(pidfile "$name")"
}

# stop_bg NAME [SIGNAL]: TERM (or SIGNAL) to the whole process group, KILL after 20 s.
stop_bg() {
  local name="$1" signal="${2:-TERM}" pid i
  pid=$(cat "$(pidfile "$name")" 2>/dev/null) || return 0
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -"$signal" -- "-$pid" 2>/dev/null || kill -"$signal" "$pid" 2>/dev/null || true
    for i in $(seq 1 200); do
      kill -0 "$pid" 2>/dev/null || break
      [ "$i" = 200 ] && kill -KILL -- "-$pid" 2>/dev/null
      sleep 0.1
    done
  fi
  rm -f "$(pidfile "$name")"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_until SECONDS WHAT COMMAND...: poll COMMAND every half second.
wait_until() {
  local limit="$1" what="$2"; shift 2
  local deadline=$((SECONDS + limit))
  until "$@"; do
    [ $SECONDS -lt $deadline ] || die "$what did not come up within ${limit}s (logs: $LOGS)"
    sleep 0.5
  done
}

http_ok() { curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null; }

# ---------------------------------------------------------------- configuration

write_env() {
  local secret=""
  [ -f "$ENV_FILE" ] && secret=$(sed -n 's/^SECRET_KEY=//p' "$ENV_FILE" | tr -d "'")
  [ -n "$secret" ] || secret=$("$PY" -c "import secrets; print(secrets.token_urlsafe(50))")
  local search_url n
  search_url="opensearch://$(for n in $(seq 1 "$SEARCH_NODES"); do
    printf '127.0.0.1:%s,' $((SEARCH_HTTP_BASE + n)); done)"
  search_url="${search_url%,}"
  cat >"$ENV_FILE" <<EOF
# Written by services/stack/stack.sh on every 'up'; only SECRET_KEY is kept between runs.
DJANGO_SETTINGS_MODULE=exchange.settings.production
SECRET_KEY='$secret'
DATABASE_URL=postgres://$DB_NAME:$DB_NAME@127.0.0.1:5432/$DB_NAME
DATABASE_CONN_MAX_AGE=60
CACHE_URL=redis://127.0.0.1:$REDIS_PORT/0
SEARCH_URL=$search_url
SEARCH_INDEX_PREFIX=kn_stack
SEARCH_REPLICAS=1
EMAIL_HOST=127.0.0.1
EMAIL_PORT=$SMTP_PORT
EMAIL_USE_TLS=false
SMTP_SINK_DIR=$STACK/mail
SECURE_SSL_REDIRECT=false
# Plain http on localhost: Python clients (Locust, requests) send no Secure cookies over it.
SECURE_COOKIES=false
ALLOWED_HOSTS=localhost,127.0.0.1
CSRF_TRUSTED_ORIGINS=http://localhost:$NGINX_PORT,http://127.0.0.1:$NGINX_PORT
TRUSTED_PROXY_COUNT=1
SITE_URL=http://localhost:$NGINX_PORT
LOG_FORMAT=json
METRICS_ALLOWED_IPS=127.0.0.1
# A mail claimed by a worker that died is sent again after the lease; one send takes at most
# EMAIL_TIMEOUT, so two minutes is ample here (production keeps 600 s unless it knows better).
NOTIFICATION_CLAIM_LEASE=120
EMAIL_TIMEOUT=20
TASK_STALE_AFTER=120
PROMETHEUS_MULTIPROC_DIR=$STACK/prometheus
DATA_DIR=$STACK
MEDIA_ROOT=$STACK/media
EOF
}

write_redis_conf() {
  mkdir -p "$STACK/redis"
  cat >"$STACK/redis/redis.conf" <<EOF
bind 127.0.0.1
port $REDIS_PORT
dir $STACK/redis
appendonly yes
daemonize no
pidfile $RUN/redis.pid
logfile ""
EOF
}

write_nginx_conf() {
  local user_line=""
  # As root nginx hands requests to unprivileged workers; they only read STATIC_ROOT.
  [ "$(id -u)" = 0 ] && user_line="user www-data;"
  mkdir -p "$STACK/nginx/tmp"
  sed -e "s|@USER_LINE@|$user_line|" \
      -e "s|@STACK@|$STACK|g" \
      -e "s|@LOGS@|$LOGS|g" \
      -e "s|@RUN@|$RUN|g" \
      -e "s|@PORT@|$NGINX_PORT|g" \
      -e "s|@WEB1@|${WEB_PORTS[0]}|g" \
      -e "s|@WEB2@|${WEB_PORTS[1]}|g" \
      "$HERE/nginx.conf.template" >"$STACK/nginx/nginx.conf"
}

# ---------------------------------------------------------------- the parts

# The command line of OpenSearch node N: every node its own home and ports, all three
# finding each other through their transport ports (services/opensearch/run.sh).
search_node_command() {
  local n="$1" i seeds="" names=""
  for i in $(seq 1 "$SEARCH_NODES"); do
    seeds+="127.0.0.1:$((SEARCH_TRANSPORT_BASE + i)),"
    names+="node-$i,"
  done
  SEARCH_NODE_ENV=(
    OPENSEARCH_PORT=$((SEARCH_HTTP_BASE + n))
    OPENSEARCH_HOME="$STACK/opensearch/node-$n"
    OPENSEARCH_CLUSTER=kn-stack
    OPENSEARCH_JAVA_OPTS="-Xms512m -Xmx512m"
  )
  SEARCH_NODE_ARGS=(
    --node-name "node-$n"
    --transport-port $((SEARCH_TRANSPORT_BASE + n))
    --seed-hosts "${seeds%,}"
    --initial-cluster-manager-nodes "${names%,}"
  )
}

# How many nodes `up` starts.
search_node_count() { echo "$SEARCH_NODES"; }

start_node() {
  local n="$1"
  [ "$n" -ge 1 ] && [ "$n" -le "$SEARCH_NODES" ] || die "node must be 1..$SEARCH_NODES"
  search_node_command "$n"
  mkdir -p "$STACK/opensearch/node-$n"
  start_bg "search-$n" env "${SEARCH_NODE_ENV[@]}" bash "$REPO/services/opensearch/run.sh" \
    "${SEARCH_NODE_ARGS[@]}"
}

wait_node() { wait_until 180 "OpenSearch node $1" http_ok "http://127.0.0.1:$((SEARCH_HTTP_BASE + $1))/"; }

start_search() {
  local n
  for n in $(seq 1 "$(search_node_count)"); do start_node "$n"; done
}

wait_search() {
  local n count
  count="$(search_node_count)"
  for n in $(seq 1 "$count"); do wait_node "$n"; done
  # Every node answering is not yet one cluster: wait until all have joined.
  wait_until 120 "the search cluster ($count nodes)" http_ok \
    "http://127.0.0.1:$((SEARCH_HTTP_BASE + 1))/_cluster/health?wait_for_nodes=$count&wait_for_status=yellow&timeout=1s"
}

stop_search() {
  local n
  for n in $(seq 1 "$SEARCH_NODES"); do stop_bg "search-$n" & done
  wait
}

start_redis() {
  write_redis_conf
  # redis-server writes its own pid file (the same pid: it runs in the foreground).
  start_bg redis redis-server "$STACK/redis/redis.conf"
  wait_until 20 Redis port_open "$REDIS_PORT"
}

start_smtp() {
  mkdir -p "$STACK/mail"
  start_bg smtp "$PY" "$HERE/smtp_sink.py" --port "$SMTP_PORT" --dir "$STACK/mail"
  wait_until 20 "the SMTP sink" port_open "$SMTP_PORT"
}

# start_web [N...]: gunicorn N (default both), each a master with two worker processes of two
# threads: one process runs one thread of Python at a time (docs/operations.md, "Threads and
# processes").
start_web() {
  local which=("$@") i port
  [ ${#which[@]} -gt 0 ] || which=(1 2)
  for i in "${which[@]}"; do
    port=${WEB_PORTS[$((i - 1))]}
    start_bg "web-$i" "$REPO/.venv/bin/gunicorn" exchange.wsgi:application \
      --bind "127.0.0.1:$port" --workers 2 --worker-class gthread --threads 2 \
      --timeout 30 --graceful-timeout 10 --name "kn-web-$i" \
      --access-logfile "$LOGS/web-$i.access.log" \
      --access-logformat '%(h)s %({x-forwarded-for}i)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms rid=%({x-request-id}i)s'
  done
  for i in "${which[@]}"; do
    port=${WEB_PORTS[$((i - 1))]}
    wait_until 60 "gunicorn on $port" http_ok "http://127.0.0.1:$port/healthz"
  done
}

# One web process at a time, so nginx keeps a live upstream and the site keeps answering.
restart_web() {
  local i
  for i in 1 2; do stop_bg "web-$i"; start_web "$i"; done
}

stop_web() { stop_bg web-1; stop_bg web-2; }

start_worker() {
  local n="$1"
  [ "$n" -ge 1 ] && [ "$n" -le "$WORKERS" ] || die "worker must be 1..$WORKERS"
  start_bg "worker-$n" "$PY" "$REPO/manage.py" run_worker --worker-id "stack-worker-$n"
}

start_nginx() {
  write_nginx_conf
  start_bg nginx "$(nginx_bin)" -p "$STACK/nginx" -e "$LOGS/nginx-error.log" \
    -c "$STACK/nginx/nginx.conf" \
    -g "daemon off;"
  wait_until 20 nginx port_open "$NGINX_PORT"
}


# Static sources changed since the last collectstatic (or it never ran)?
static_changed() {
  local stamp="$STACK/.static-stamp"
  [ -f "$stamp" ] && [ -f "$STACK/static/staticfiles.json" ] || return 0
  [ -n "$(find "$REPO/static" "$REPO/exchange" "$REPO/practices" "$REPO/search" \
          "$REPO/.venv/lib" -path '*/static/*' -newer "$stamp" -print -quit 2>/dev/null)" ]
}

# Migrate, seed (first time), collect static files (when changed), then, once the search
# cluster has its primary shards (a warm start recovers them from the nodes' data), rebuild the
# index unless it matches the database: one Python process, logged to logs/setup.log.
prepare_site() {
  local log="$LOGS/setup.log" args=() stamp_next="$STACK/.static-stamp.next"
  [ -f "$STACK/.seeded" ] || args+=(--seed)
  if static_changed; then args+=(--collectstatic); touch "$stamp_next"; fi
  # Health answers 408 until yellow (every primary allocated), 503 before a cluster formed.
  args+=(--wait-for "http://127.0.0.1:$((SEARCH_HTTP_BASE + 1))/_cluster/health?wait_for_status=yellow&timeout=1s")
  echo "== $(date -u +%FT%TZ) prepare.py ${args[*]}" >>"$log"
  (set -a; . "$ENV_FILE"; set +a; cd "$REPO"; "$PY" "$HERE/prepare.py" "${args[@]}") \
    >>"$log" 2>&1 || die "preparing the site failed, see $log"
  touch "$STACK/.seeded"
  [ -f "$stamp_next" ] && mv "$stamp_next" "$STACK/.static-stamp"
  return 0
}

# ---------------------------------------------------------------- commands

cmd_up() {
  local started=$SECONDS
  mkdir -p "$LOGS" "$RUN" "$STACK/media"
  require_programs
  start_postgres
  ensure_database
  write_env
  # Metrics files of processes that are gone would be added to every scrape.
  if ! running web-1 && ! running web-2 && ! running worker-1 && ! running worker-2; then
    rm -rf "$STACK/prometheus"
  fi
  mkdir -p "$STACK/prometheus"
  start_redis
  start_smtp
  start_search            # the nodes boot while the database is migrated
  prepare_site            # waits for node 1 before it rebuilds the index
  wait_search
  start_web
  local n
  for n in $(seq 1 "$WORKERS"); do start_worker "$n"; done
  start_nginx
  # Workers take a few seconds to send their first heartbeat.
  local deadline=$((SECONDS + 60))
  until curl -fsS --max-time 10 "http://localhost:$NGINX_PORT/healthz" 2>/dev/null \
      | grep -q '"status": "ok"'; do
    if [ $SECONDS -ge $deadline ]; then
      say "warning: /healthz is not ok yet: $(curl -s "http://localhost:$NGINX_PORT/healthz")"
      break
    fi
    sleep 1
  done
  say "up in $((SECONDS - started))s: http://localhost:$NGINX_PORT/ (logs in $LOGS)"
}

cmd_down() {
  local n
  stop_bg nginx
  # The web and worker processes finish what they are doing (up to 20 s each) side by side.
  stop_bg web-1 & stop_bg web-2 &
  for n in $(seq 1 "$WORKERS"); do stop_bg "worker-$n" & done
  wait
  stop_bg smtp & stop_bg redis &
  for n in $(seq 1 "$SEARCH_NODES"); do stop_bg "search-$n" & done
  wait
  say "down (PostgreSQL is the system's and keeps running)"
}

cmd_status() {
  local name state n
  show() { printf '  %-10s %s\n' "$1" "$2"; }
  postgres_up && state=up || state=down; show postgres "$state"
  for name in redis smtp; do running "$name" && state=up || state=down; show "$name" "$state"; done
  for n in $(seq 1 "$SEARCH_NODES"); do
    running "search-$n" && state=up || state=down; show "search-$n" "$state"
  done
  for name in web-1 web-2 worker-1 worker-2 nginx; do
    running "$name" && state=up || state=down; show "$name" "$state"
  done
  if running nginx; then
    show healthz "$(curl -s --max-time 10 "http://localhost:$NGINX_PORT/healthz" || echo "no answer")"
  fi
}

main() {
  mkdir -p "$LOGS" "$RUN"
  local cmd="${1:-}"; shift || true
  case "$cmd" in
    up) cmd_up ;;
    down) cmd_down ;;
    status) cmd_status ;;
    kill-node) stop_bg "search-${1:?node number}" KILL ;;
    start-node) start_node "${1:?node number}"; wait_node "$1" ;;
    stop-search) stop_search ;;
    start-search) start_search; wait_search ;;
    kill-worker) stop_bg "worker-${1:?worker number}" KILL ;;
    start-worker) start_worker "${1:?worker number}" ;;
    restart)
      case "${1:-}" in
        redis) stop_bg redis; start_redis ;;
        postgres)
          # shellcheck disable=SC2046
          pg_ctlcluster $(pg_cluster) restart ;;
        web) restart_web ;;
        nginx) stop_bg nginx; start_nginx ;;
        *) die "restart redis|postgres|web|nginx" ;;
      esac ;;
    *) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
}

main "$@"
