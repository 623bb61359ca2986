#!/usr/bin/env bash
# The container image's install and start steps, without a container engine:
# what the Dockerfile does, in a clean venv from the built wheel, then start it
# as the image would (migrations as a one-off step, the service with them off)
# and check /readyz, /healthz, the image's HEALTHCHECK command, /metrics and a
# clean stop on SIGTERM; and that the name finder the image compiles with mypyc
# finds what the source does. The compile takes 2-3 minutes of CPU; set
# ETIQUETTE_SKIP_IMAGE_CHECK=1 to skip it locally (CI always runs it).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
if [ "${ETIQUETTE_SKIP_IMAGE_CHECK:-}" = "1" ] && [ "${CI:-}" != "true" ]; then
  echo "image check: SKIPPED (ETIQUETTE_SKIP_IMAGE_CHECK=1)"
  exit 0
fi
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null || PY=python3
WORK=$(mktemp -d)
PID=
cleanup() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then kill "$PID"; wait "$PID" || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
t0=$(date +%s)

# Build stage: the locked dependencies (hashes required), then the project's wheel.
"$PY" -m venv "$WORK/venv"
VPIP=("$WORK/venv/bin/python" -m pip --disable-pip-version-check --quiet)
"${VPIP[@]}" install --require-hashes --no-deps -r requirements.lock 2> >(grep -v "^WARNING: Location" >&2)
# The name finder compiled with mypyc, as the Dockerfile builds it (setup.py).
ETIQUETTE_MYPYC=1 "${VPIP[@]}" wheel --no-deps --wheel-dir "$WORK/dist" . 2> >(grep -v "^WARNING: Location" >&2)
"${VPIP[@]}" install --no-deps "$WORK"/dist/etiquette-*.whl 2> >(grep -v "^WARNING: Location" >&2)
"${VPIP[@]}" check
# The wheel, not the source tree: run from elsewhere so ./app cannot be imported.
mkdir -p "$WORK/data" "$WORK/run"
cd "$WORK/run"
test "$("$WORK/venv/bin/python" -c 'import app, os; print(os.path.dirname(app.__file__))')" \
  = "$WORK/venv/lib/python3.11/site-packages/app" || { echo "app imported from the source tree"; exit 1; }
# Package data the service needs at run time is in the wheel.
"$WORK/venv/bin/python" - <<'PY'
from importlib.resources import files
for pkg, name in (
    ("app.store", "migrations/env.py"),
    ("app.demo", "roster.csv"),
    ("app.console", "templates/base.html"),
    ("app.console", "static/console.css"),
):
    assert files(pkg).joinpath(name).is_file(), (pkg, name)
PY
# The compiled finder finds exactly what the tested source finds: every mention,
# score, reason and feature on every labelled subject (tests/data/names), with
# each set's roster and with none.
"$WORK/venv/bin/python" -c "import app.names as n; assert n.build() == 'compiled', n.build()"
"$WORK/venv/bin/python" "$ROOT/scripts/names_fingerprint.py" --installed "$WORK/names-compiled.txt" >/dev/null
"$ROOT/.venv/bin/python" "$ROOT/scripts/names_fingerprint.py" "$WORK/names-source.txt" >/dev/null
if ! cmp -s "$WORK/names-compiled.txt" "$WORK/names-source.txt"; then
  echo "image check: the compiled name finder differs from the source's:"
  diff "$WORK/names-source.txt" "$WORK/names-compiled.txt" | head -n 20
  exit 1
fi

# Runtime stage: the image's environment, a school, then `etiquette serve`.
PORT=$("$WORK/venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export PATH="$WORK/venv/bin:$PATH" PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
export ETIQUETTE_DATA_DIR="$WORK/data" DATABASE_URL="sqlite:///$WORK/data/etiquette.sqlite3"
export ETIQUETTE_OUTLOOK_STATIC_DIR="$ROOT/addin-ui/public" ETIQUETTE_LOG_FORMAT=json
export ETIQUETTE_HOST=127.0.0.1 ETIQUETTE_PORT=$PORT
export ETIQUETTE_SECRET_KEY="image-check-$(date +%s%N)" ETIQUETTE_METRICS_TOKEN=image-check-token
unset REDIS_URL ETIQUETTE_DEMO
etiquette migrate >/dev/null
etiquette school create imagecheck --name "Image check" --domain imagecheck.example >/dev/null
ETIQUETTE_MIGRATE_ON_START=false etiquette serve >"$WORK/serve.log" 2>&1 &
PID=$!
ready=
for _ in $(seq 1 100); do
  if code=$(curl -s -o "$WORK/ready.json" -w '%{http_code}' "http://127.0.0.1:$PORT/readyz") && [ "$code" = 200 ]; then
    ready=1; break
  fi
  kill -0 "$PID" 2>/dev/null || break
  sleep 0.2
done
if [ -z "$ready" ]; then echo "image check: /readyz never answered 200"; cat "$WORK/serve.log"; exit 1; fi
curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null
grep -q '"name_finder":"compiled"' "$WORK/ready.json" || { echo "image check: /readyz: $(cat "$WORK/ready.json")"; exit 1; }
# The console's pages and stylesheet come from the installed package.
curl -sf "http://127.0.0.1:$PORT/console/sign-in" | grep -q "Sign in"
curl -sf "http://127.0.0.1:$PORT/console/static/console.css" >/dev/null
# The Dockerfile's own HEALTHCHECK command, port adjusted.
HC=$(sed -n 's/^ *CMD \["python", "-c", "\(.*\)"\]$/\1/p' "$ROOT/Dockerfile" | sed "s/127.0.0.1:8000/127.0.0.1:$PORT/")
test -n "$HC" && python -c "$HC"
curl -sf -H "Authorization: Bearer image-check-token" "http://127.0.0.1:$PORT/metrics" | grep -q '^etiquette_schools_loaded 1.0$'
test "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/metrics")" = 401
# Logs are JSON lines.
python -c "import json,sys; [json.loads(l) for l in open(sys.argv[1]) if l.strip()]" "$WORK/serve.log"
# SIGTERM (what docker stop and Kubernetes send): a graceful stop. uvicorn re-raises
# the signal after shutting down, so 143 is a clean exit too.
kill -TERM "$PID"; rc=0; wait "$PID" || rc=$?; PID=
if [ "$rc" != 0 ] && [ "$rc" != 143 ]; then echo "image check: exit $rc on SIGTERM"; exit 1; fi
grep -q "Application shutdown complete" "$WORK/serve.log" || { echo "image check: no graceful shutdown"; exit 1; }
echo "image check: OK ($(( $(date +%s) - t0 )) s: locked install, compiled wheel, names as the source finds them, migrate, serve, /readyz, HEALTHCHECK, /metrics, SIGTERM)"
