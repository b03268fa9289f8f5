# syntax=docker/dockerfile:1
# OpenDeck API and worker image. Build: docker build -t opendeck .
# Run:   docker run -p 8000:8000 -v opendeck-data:/data opendeck              (embedded database in /data)
#        docker run ... opendeck node dist/bin/cli.js worker       (a worker; see docker-compose.yml)
#
# Debian slim rather than Alpine: the same glibc the tests run on, so @node-rs/argon2 loads its -gnu prebuilt
# binary exactly as in CI (a -musl one exists too, but is not what the test suite exercises). PGlite is WASM.
ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: devDependencies (TypeScript) and the compiled dist/ ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# ---- deps: production dependencies only, installed for the runtime's platform ----
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# ---- runtime ----
FROM ${NODE_IMAGE} AS runtime
# Only variables the config module reads. No secrets here: SECRET_KEY, DATABASE_URL and API keys come from
# the environment at run time (docker-compose.yml, an orchestrator's secrets).
ENV HOST=0.0.0.0 \
    PORT=8000 \
    DATA_DIR=/data
WORKDIR /app
# Code and dependencies stay owned by root: the service cannot rewrite itself.
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY migrations ./migrations
COPY --from=build /app/dist ./dist
# /data is the one writable place (embedded database, generated signing key, uploaded files). Created and
# handed to the unprivileged user before VOLUME, so a fresh named volume inherits that ownership.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
# The `node` user of the base image, by number so that Kubernetes' runAsNonRoot can verify it.
USER 1000:1000
EXPOSE 8000
# Liveness through the app's own /health, with node itself (slim images have no curl or wget).
HEALTHCHECK --interval=15s --timeout=5s --start-period=40s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Exec form: node is PID 1 and receives SIGTERM itself. Both `serve` and `worker` install SIGTERM/SIGINT
# handlers that drain and exit within 25 s (the kernel gives PID 1 no default signal actions, handlers
# work as anywhere), and they spawn no child processes, so there are no zombies to reap: no tini needed.
# Give the container 30 s to stop (docker stop -t 30, compose stop_grace_period: 30s).
STOPSIGNAL SIGTERM
CMD ["node", "dist/bin/cli.js", "serve"]
