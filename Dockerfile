# The bot as one container: `docker build -t feedback-bot .`
# Runs `python -m bot run`, which applies pending migrations at every start. Settings come from
# the environment (see README: Settings); the SQLite default keeps its file in the /data volume,
# or set DATABASE_URL=postgresql://… .

# Any image with Python 3.11+ as `python` and its venv module; the slim official one by default.
ARG BASE=python:3.11-slim
FROM ${BASE} AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /src
# The exact, hashed versions the tests ran with; the project itself without resolving again.
COPY requirements.lock ./
RUN python -m venv /venv && /venv/bin/pip install --require-hashes -r requirements.lock
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY storage ./storage
RUN /venv/bin/pip install --no-deps .

FROM ${BASE}
RUN useradd --create-home --uid 10001 bot && install -d -o bot -g bot /data
COPY --from=build /venv /venv
ENV PATH=/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    DATABASE_URL=sqlite:////data/bot.db \
    API_HOST=0.0.0.0 \
    API_PORT=8080
USER bot
# The root, so that the default relative DATABASE_URL (sqlite:///data/bot.db, what .env
# files copy from the docs) names /data/bot.db in the volume, as the absolute one above does.
WORKDIR /
VOLUME /data
EXPOSE 8080
# 503 while a task is stuck (see README: /healthz); the supervisor restarts the container.
# Asked at the container's own address, not loopback: an API that only listens on 127.0.0.1
# is unreachable through the published port, and the check says so instead of "healthy".
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, socket, urllib.request; urllib.request.urlopen('http://%s:%s/healthz' % (socket.gethostbyname(socket.gethostname()), os.environ.get('API_PORT', '8080')), timeout=4)"]
CMD ["python", "-m", "bot", "run"]
