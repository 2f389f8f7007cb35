# Infra24: one image for every process (web, collab, worker); the command picks which.
# Multi-stage: the build stage has the dev dependencies, the runtime stage only what runs.

FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0
# pg_dump/pg_restore for `npm run cli -- db backup`; tini reaps children and passes SIGTERM on.
RUN apt-get update \
  && apt-get install -y --no-install-recommends postgresql-client tini \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/build ./build
COPY app ./app
COPY core ./core
COPY db ./db
COPY collab-server ./collab-server
COPY workers ./workers
COPY public ./public
COPY scripts ./scripts
COPY server.ts cli.ts tsconfig.json ./
# The embedded database (no DATABASE_URL) lives here; mount a volume to keep it.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=2s --start-period=30s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["/usr/bin/tini", "--"]
# all | web | collab | worker
CMD ["npx", "tsx", "server.ts", "all"]
