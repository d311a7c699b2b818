# One image that runs `python -m bot run`. Tokens come from the environment at
# `docker run -e TELEGRAM_BOT_TOKEN=...`; nothing secret is baked in.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    BRIEFBOT_HOME=/app \
    BRIEFBOT_DB=/data/briefbot.db

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY summarizer ./summarizer
COPY adapters ./adapters
COPY config ./config
COPY seeds ./seeds

RUN pip install --no-cache-dir . \
    && useradd --create-home --uid 10001 briefbot \
    && mkdir -p /data && chown briefbot /data

USER briefbot
VOLUME ["/data"]
EXPOSE 3000 8443
CMD ["python", "-m", "bot", "run"]
