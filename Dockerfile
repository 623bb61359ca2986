# Etiquette service image. It installs exactly as the README does (pip install
# of this project into a virtual environment) and runs as a non-root user.
#   docker build -t etiquette .
#   docker run -p 8000:8000 -e ETIQUETTE_SECRET_KEY=... -e DATABASE_URL=postgresql://... etiquette
# Without DATABASE_URL it uses SQLite in /data (mount a volume there).

FROM python:3.11-slim AS build
WORKDIR /src
RUN python -m venv /opt/venv && /opt/venv/bin/pip install --no-cache-dir --upgrade pip
COPY pyproject.toml README.md ./
COPY app ./app
RUN /opt/venv/bin/pip install --no-cache-dir .

FROM python:3.11-slim
RUN useradd --system --uid 10001 --create-home --home-dir /home/etiquette etiquette \
 && mkdir -p /data /srv/addin-ui && chown etiquette /data
COPY --from=build /opt/venv /opt/venv
# The Outlook add-in's files (committed, built): served by the service under /addin/.
COPY addin-ui/public /srv/addin-ui/public
ENV PATH="/opt/venv/bin:$PATH" \
    PYTHONUNBUFFERED=1 \
    ETIQUETTE_DATA_DIR=/data \
    DATABASE_URL=sqlite:////data/etiquette.sqlite3 \
    ETIQUETTE_OUTLOOK_STATIC_DIR=/srv/addin-ui/public \
    ETIQUETTE_HOST=0.0.0.0 \
    ETIQUETTE_PORT=8000
USER etiquette
WORKDIR /home/etiquette
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz').status != 200)"
CMD ["etiquette", "serve"]
