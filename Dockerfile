# newsbot: the Telegram bot (and CLI) in a slim, CPU-only image.
#   docker build -t newsbot .
#   docker run -d --name newsbot -e TELEGRAM_BOT_TOKEN -v newsbot-data:/data newsbot
FROM python:3.11-slim

ARG TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HF_HUB_OFFLINE=1 \
    PATH=/opt/venv/bin:$PATH \
    NEWSBOT_INDEX_DIR=/data/index \
    NEWSBOT_CACHE_DIR=/data/cache \
    NEWSBOT_HEARTBEAT_FILE=/data/heartbeat \
    NEWSBOT_ARTICLES_DIR=/app/seeds

WORKDIR /app

# 1. Dependencies only (CPU torch, then everything pyproject.toml lists), in a layer cached until
#    pyproject.toml or the install script change: editing the source does not reinstall torch.
COPY pyproject.toml ./
COPY scripts/install.sh scripts/install.sh
RUN TORCH_INDEX_URL="$TORCH_INDEX_URL" NEWSBOT_INSTALL=deps NEWSBOT_EXTRAS='' bash scripts/install.sh /opt/venv python3

# 2. The project itself, without touching the dependencies.
COPY README.md ./
COPY bot bot
COPY index index
COPY eval eval
RUN NEWSBOT_INSTALL=project bash scripts/install.sh /opt/venv python3
COPY seeds seeds

# 3. Run as an unprivileged user; the index, embedding caches and heartbeat live in the /data volume.
RUN useradd --create-home --uid 10001 --user-group newsbot \
    && mkdir -p /data \
    && chown newsbot:newsbot /data
USER 10001:10001
VOLUME ["/data"]

# Cheap: reads the index manifest and file sizes and the bot's heartbeat (touched every 30 s); no model load.
HEALTHCHECK --interval=60s --timeout=10s --start-period=180s --retries=3 CMD ["newsbot", "health"]

# The token comes from TELEGRAM_BOT_TOKEN (or a 0600 token file); never bake it into the image.
CMD ["newsbot", "bot"]
