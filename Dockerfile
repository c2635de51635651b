# hostmatch container image: `docker compose up --build` (see docker-compose.yml).

FROM rust:1-bookworm AS builder
WORKDIR /src
# Every workspace member must be present for Cargo to load the workspace, and assets/ is
# compiled into the binary (include_str!). scripts/docker-context-build.sh rebuilds this
# list's context without Docker: keep it to plain `COPY <src>... <dst>` lines.
COPY Cargo.toml Cargo.lock ./
COPY assets ./assets
COPY migration ./migration
COPY search_index ./search_index
COPY bench ./bench
COPY src ./src
COPY templates ./templates
COPY locales ./locales
RUN cargo build --release --locked --bin hostmatch

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/*
# /data is created here, owned by the service user, so a fresh named volume inherits that owner.
RUN useradd --system --user-group --uid 10001 --home-dir /data --no-create-home hostmatch \
    && mkdir /data \
    && chown hostmatch:hostmatch /data
COPY --from=builder /src/target/release/hostmatch /usr/local/bin/hostmatch
ENV HOSTMATCH_DATA_DIR=/data
# The built-in default, 127.0.0.1:8080, is unreachable from outside a container.
ENV HOSTMATCH_BIND=0.0.0.0:8080
USER hostmatch
WORKDIR /data
EXPOSE 8080
CMD ["hostmatch", "serve"]
