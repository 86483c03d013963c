# newsbot: the Telegram bot and CLI in a slim CPU-only image. Build: docker build -t newsbot .
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1 \
    NEWSBOT_INDEX_DIR=/data/index NEWSBOT_ARTICLES_DIR=/app/seeds \
    TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu NEWSBOT_EXTRAS=

WORKDIR /app
# Dependencies first, in their own cached layer: the same install script `make` uses.
COPY pyproject.toml README.md ./
COPY scripts/install.sh scripts/install.sh
COPY bot bot
COPY index index
COPY eval eval
RUN bash scripts/install.sh /opt/venv python3 && rm -rf /root/.cache/pip
COPY seeds seeds

RUN useradd --create-home --uid 10001 newsbot && mkdir -p /data && chown newsbot /data
USER newsbot
VOLUME ["/data"]
ENV PATH=/opt/venv/bin:$PATH
CMD ["newsbot", "chat"]
