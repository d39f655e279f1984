# One image for the three Nexus processes; the command picks which one runs:
#   api (default)  node dist/apps/api/src/main.js
#   worker         node dist/apps/worker/src/main.js   (needs REDIS_URL)
#   migrations     node dist/apps/cli/src/main.js migration:run
#
#   docker build -t nexus .
#   docker run --init -p 3000:3000 -v nexus-data:/app/data nexus     # embedded mode, SQLite in the volume
#
# Signals: CMD is exec form, so node is PID 1 and receives SIGTERM itself (Nest's shutdown hooks
# plus SHUTDOWN_TIMEOUT handle it). `--init` (compose: `init: true`) adds tini to reap zombies.

# node:24 is the current LTS; NODE_VERSION=22 also works (package.json engines: >=20.19).
ARG NODE_VERSION=24

FROM node:${NODE_VERSION}-bookworm-slim AS toolchain
# better-sqlite3 compiles with node-gyp when no prebuilt binary matches this Node/libc.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# @scarf/scarf is denied in package.json allowScripts; this also silences it on npm versions without allowScripts.
ENV SCARF_ANALYTICS=false
COPY package.json package-lock.json ./

FROM toolchain AS build
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
RUN npm run build

FROM toolchain AS prod-deps
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
# SQLite (the default DATABASE_URL, sqlite:./data/nexus.sqlite) writes here; the rest of /app stays root-owned and read-only.
RUN mkdir -p /app/data && chown 1000:1000 /app/data
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# The image's `node` user, by number so runAsNonRoot policies can verify it.
USER 1000:1000
VOLUME ["/app/data"]
EXPOSE 3000
# Slim images have no curl: node's fetch probes liveness. The worker has no HTTP port; compose overrides this for it.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/live',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/apps/api/src/main.js"]
