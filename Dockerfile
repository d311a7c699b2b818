# One image that runs `python -m bot run`. Tokens come from the environment at
# `docker run -e TELEGRAM_BOT_TOKEN=...`; nothing secret is baked in.
# docs/newsroom.md: volumes, the topics of your story, backups, upgrades; compose.yaml: an example.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    BRIEFBOT_HOME=/app \
    BRIEFBOT_DB=/data/briefbot.db \
    BRIEFBOT_HEALTH_PORT=8081

WORKDIR /app

# Dependencies first, in a layer of their own: it is rebuilt only when pyproject.toml changes,
# not on every code change. The list is read from pyproject.toml, so it cannot drift.
COPY pyproject.toml README.md ./
RUN python -c "import subprocess, sys, tomllib; \
deps = tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']; \
subprocess.check_call([sys.executable, '-m', 'pip', 'install', '--no-cache-dir', *deps])"

# The source: a code change rebuilds from here. --no-deps: everything it needs is installed above.
COPY bot ./bot
COPY summarizer ./summarizer
COPY adapters ./adapters
COPY config ./config
COPY seeds ./seeds
RUN pip install --no-cache-dir --no-deps . \
    && useradd --create-home --uid 10001 briefbot \
    && mkdir -p /data && chown briefbot /data

# A bind-mounted /data belongs to whoever owns it on the host: give it to uid 10001 first
# (`sudo chown -R 10001 ./data`) or run with `--user $(id -u)`; docs/newsroom.md says more.
USER briefbot
VOLUME ["/data"]
EXPOSE 3000 8443

# `run` serves GET /health on loopback inside the container: platforms connected, scheduler
# running, database writable, last feed refresh. `python -m bot health` asks it (exit 0 or 1).
HEALTHCHECK --interval=60s --timeout=10s --start-period=120s --retries=3 \
    CMD ["python", "-m", "bot", "health"]

CMD ["python", "-m", "bot", "run"]
