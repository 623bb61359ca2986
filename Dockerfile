# Etiquette service image.
#   docker build -t etiquette .
#   docker run --read-only --tmpfs /tmp -v etiquette-data:/data -p 8000:8000 \
#     -e ETIQUETTE_SECRET_KEY=... -e DATABASE_URL=postgresql://... etiquette
# Multi-stage: the build stage installs the locked dependencies (requirements.lock,
# hashes required) and the project's wheel into /opt/venv, its subject-line name
# finder compiled to C with mypyc (setup.py, ETIQUETTE_MYPYC=1: gcc is needed
# there, never in the runtime stage); the runtime stage
# copies only that venv, runs as a non-root user and writes nothing outside
# /data (audit spool, SQLite if no DATABASE_URL) and /tmp, so it runs with a
# read-only root filesystem. scripts/check-image.sh performs the same install
# and start steps in a clean venv and checks /readyz (make test runs it).

FROM python:3.11-slim-bookworm AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1
WORKDIR /src
# The C compiler for mypyc, in the build stage only. Not pinned: Debian's
# bookworm point releases replace these revisions, and the stage is thrown away.
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends gcc libc6-dev \
 && rm -rf /var/lib/apt/lists/*
COPY requirements.lock ./
RUN python -m venv /opt/venv \
 && /opt/venv/bin/pip install --require-hashes --no-deps -r requirements.lock
COPY pyproject.toml setup.py README.md ./
COPY scripts/build_backend.py scripts/mypyc.ini ./scripts/
COPY app ./app
RUN ETIQUETTE_MYPYC=1 /opt/venv/bin/pip wheel --no-deps --wheel-dir /dist . \
 && /opt/venv/bin/pip install --no-deps /dist/etiquette-*.whl \
 && /opt/venv/bin/pip check \
 && /opt/venv/bin/python -c "import app.names as n; assert n.build() == 'compiled'"

FROM python:3.11-slim-bookworm
RUN groupadd --system --gid 10001 etiquette \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin etiquette \
 && mkdir -p /data /srv/addin-ui \
 && chown 10001:10001 /data
COPY --from=build /opt/venv /opt/venv
# The Outlook add-in's files (committed, built): served by the service under /addin/.
COPY addin-ui/public /srv/addin-ui/public
ENV PATH="/opt/venv/bin:$PATH" \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    ETIQUETTE_DATA_DIR=/data \
    DATABASE_URL=sqlite:////data/etiquette.sqlite3 \
    ETIQUETTE_OUTLOOK_STATIC_DIR=/srv/addin-ui/public \
    ETIQUETTE_LOG_FORMAT=json \
    ETIQUETTE_HOST=0.0.0.0 \
    ETIQUETTE_PORT=8000
USER 10001:10001
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2).status != 200)"]
CMD ["etiquette", "serve"]
