# Every container image of this repository, one target each, built from the repository's
# root. Every layer comes from Debian 13's packages, Maven Central or npm.
#
#   service   one of the three services (--build-arg SERVICE=order-service, inventory-service
#             or shipping-service): what the pipeline pushes to ECR and ECS runs
#   web       the shop and the back office with the local sign-in (Cognito's stand-in)
#   sqs       ElasticMQ, SQS's stand-in
#   dynamodb  the project's DynamoDB emulator (dev-stack/dynamodb)
#   postgres  PostgreSQL 17, Aurora's stand-in
#   zipkin, prometheus   what `./dev-stack/start --observe` adds
#
# e.g. docker build --target service --build-arg SERVICE=order-service -t order-service .
# docker-compose.yml builds them all. BuildKit is needed (the default since Docker 23).
# Each image carries the CycloneDX bill of materials of what it ships in /sbom/.
# Health checks run every 5 s (Zipkin's and Prometheus's, which nothing waits for, 10 s): each
# check is a process the engine starts inside the container, and on two cores nine containers
# checked every 2-3 s kept 40 % of the machine busy at rest (docs/decisions/0024).

# Debian 13 (trixie) slim, pinned by the dated tag of Docker's official image, through its
# ECR Public mirror (no Docker Hub rate limits in CodeBuild). How to move it, and where no
# registry is reachable (.ci/seed-debian-image): docs/decisions/0024-container-images.md.
ARG DEBIAN_IMAGE=public.ecr.aws/docker/library/debian:trixie-20260824-slim

# ---------------------------------------------------------------------------------------
# Build stages: the Maven build, and the npm builds.

# Behind a proxy that intercepts TLS, the build stages trust its certificate authority too:
# the build secret extra-ca (compose: EXTRA_CA_CERTIFICATES=/path/to/ca.pem), a PEM file of
# one or more certificates.
# It never reaches the images that ship.
FROM ${DEBIAN_IMAGE} AS maven
# The JDK's packages link their manual pages into a folder that slim images leave out.
RUN --mount=type=secret,id=extra-ca \
    mkdir -p /usr/share/man/man1 \
    && apt-get update \
    && apt-get install -y --no-install-recommends openjdk-25-jdk-headless ca-certificates curl unzip \
    && rm -rf /var/lib/apt/lists/* \
    && if [ -s /run/secrets/extra-ca ]; then \
         awk '/BEGIN CERTIFICATE/ { n++ } n { print > ("/usr/local/share/ca-certificates/extra-ca-" n ".crt") }' \
             /run/secrets/extra-ca && update-ca-certificates; \
       fi
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/

# The services and dev-stack (the web image's server), packaged as `./mvnw package` does,
# without the tests (CI runs them on the same sources) and with a bill of materials per
# module (target/bom.json). Each service image records its own AOT cache below, with the
# JDK it runs on; the build-phase setting makes the application exit at the end of its static
# init when asked to (quarkus.appcds.generate), which that recording needs.
FROM maven AS build
COPY contracts/ contracts/
COPY service-support/ service-support/
COPY outbox/ outbox/
COPY dev-stack/pom.xml dev-stack/
COPY dev-stack/src/main/ dev-stack/src/main/
COPY dev-stack/emulators/ dev-stack/emulators/
COPY test-kit/ test-kit/
COPY order-service/ order-service/
COPY inventory-service/ inventory-service/
COPY shipping-service/ shipping-service/
# The reactor reads every module's POM, also of those not built here.
COPY ops/pom.xml ops/
COPY system-tests/pom.xml system-tests/
COPY benchmarks/pom.xml benchmarks/
RUN --mount=type=cache,id=maven-repository,target=/root/.m2 \
    ./mvnw -B -ntp package -Psbom -Dmaven.test.skip=true -Dquarkus.package.jar.aot.phase=build \
        -pl order-service,inventory-service,shipping-service,dev-stack -am

# ElasticMQ's and Zipkin's jars, as dev-stack fetches them.
FROM maven AS emulator-jars
ARG ZIPKIN_VERSION=3.6.1
COPY dev-stack/emulators/ dev-stack/emulators/
RUN --mount=type=cache,id=maven-repository,target=/root/.m2 \
    ./mvnw -B -ntp -q -f dev-stack/emulators/elasticmq/pom.xml \
        dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/emulators/elasticmq/lib \
    && ./mvnw -B -ntp -q -f dev-stack/emulators/elasticmq/pom.xml -Psbom package \
    && cp dev-stack/emulators/elasticmq/target/bom.json /emulators/elasticmq/bom.json \
    && ./mvnw -B -ntp -q -f dev-stack/emulators/elasticmq/pom.xml \
        dependency:copy -Dartifact=io.zipkin:zipkin-server:${ZIPKIN_VERSION}:jar:exec \
        -DoutputDirectory=/emulators/zipkin \
    && mv /emulators/zipkin/zipkin-server-${ZIPKIN_VERSION}-exec.jar /emulators/zipkin/zipkin-server.jar

# Node.js 20 from Debian; npm 11 from npm (Debian's npm 9 predates today's lock files and
# `npm sbom`), checked against the registry's checksum.
FROM ${DEBIAN_IMAGE} AS npm
ARG NPM_VERSION=11.19.1
ARG NPM_SHA256=9f58bff01604cb1b14008fef14dceb14d836a49225e45c6c2e37de3be3e707f0
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
RUN --mount=type=secret,id=extra-ca \
    apt-get update \
    && apt-get install -y --no-install-recommends nodejs ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* \
    && if [ -s /run/secrets/extra-ca ]; then \
         awk '/BEGIN CERTIFICATE/ { n++ } n { print > ("/usr/local/share/ca-certificates/extra-ca-" n ".crt") }' \
             /run/secrets/extra-ca && update-ca-certificates; \
       fi \
    && curl -fsSL -o /tmp/npm.tgz "https://registry.npmjs.org/npm/-/npm-${NPM_VERSION}.tgz" \
    && echo "${NPM_SHA256}  /tmp/npm.tgz" | sha256sum -c - \
    && mkdir -p /usr/local/lib/node_modules/npm \
    && tar -xzf /tmp/npm.tgz -C /usr/local/lib/node_modules/npm --strip-components=1 \
    && ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
    && rm /tmp/npm.tgz

FROM npm AS pages
WORKDIR /web
COPY web/package.json web/package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
COPY web/index.html web/back-office.html web/vite.config.js ./
COPY web/src/ src/
RUN npm run build --silent \
    && npm sbom --sbom-format cyclonedx --omit dev > bom.json

# The certificate authorities of Amazon RDS, which Aurora's certificates chain to: the services
# verify the database server with them (sslmode=verify-full).
FROM npm AS rds-ca
WORKDIR /rds-ca
COPY service-support/rds-ca/package.json service-support/rds-ca/package-lock.json service-support/rds-ca/bundle.mjs ./
RUN npm ci --ignore-scripts --no-audit --no-fund --loglevel=error \
    && node bundle.mjs > rds-ca-bundle.pem \
    && npm sbom --sbom-format cyclonedx > bom.json

FROM npm AS dynamodb-packages
WORKDIR /emulator
COPY dev-stack/dynamodb/package.json dev-stack/dynamodb/package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error \
    && npm sbom --sbom-format cyclonedx --omit dev > bom.json

# ---------------------------------------------------------------------------------------
# The Java runtime every Java image starts from: Debian's JRE 25 (the code is Java 21; 25
# for the JDK's AOT cache), curl for the health checks, and the user the images run as.

FROM ${DEBIAN_IMAGE} AS jre
RUN mkdir -p /usr/share/man/man1 \
    && apt-get update \
    && apt-get install -y --no-install-recommends openjdk-25-jre-headless ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 185 --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin app

# ---------------------------------------------------------------------------------------
# The services: what the pipeline pushes to ECR.

FROM jre AS service
ARG SERVICE
RUN case "$SERVICE" in order-service|inventory-service|shipping-service) ;; \
      *) echo "--build-arg SERVICE=order-service, inventory-service or shipping-service (got '$SERVICE')" >&2; exit 1 ;; \
    esac
LABEL org.opencontainers.image.title="${SERVICE}" \
      org.opencontainers.image.description="${SERVICE} of the order-fulfilment reference application" \
      org.opencontainers.image.licenses="Apache-2.0"
# The application belongs to root and is only readable by the user it runs as.
WORKDIR /deployments
COPY --from=build /build/${SERVICE}/target/quarkus-app/ ./
COPY --from=build /build/${SERVICE}/target/bom.json /sbom/${SERVICE}.cdx.json
COPY --from=rds-ca /rds-ca/rds-ca-bundle.pem /usr/local/share/rds/rds-ca-bundle.pem
COPY --from=rds-ca /rds-ca/bom.json /sbom/rds-ca-bundle.cdx.json
# The JDK's AOT cache, made by this image's JDK (a cache from another JDK build is ignored):
# the application starts up to the end of its static init, as Quarkus's own build does, and
# the JVM writes what it loaded and linked. The client id only satisfies configuration
# validation here; the task definition and compose set the real ones.
RUN java -XX:+UseSerialGC -XX:AOTCacheOutput=app.aot -Dquarkus.appcds.generate=true \
        -Dauth.client-ids=image-build -jar quarkus-run.jar \
    && test -s app.aot \
    && rm -rf /tmp/* /tmp/.[!.]*

# Names are looked up again after 5 s, and a failed lookup is remembered for 1 s (the JDK's
# defaults: 30 s and 10 s, the second set in its java.security, which only another security
# properties file overrides). An Aurora failover moves the writer's name to another address;
# in compose, a database container stopped is a name that does not resolve, and the JDK went
# on saying so for up to 10 s after it was back (CI: the first order 5.4 s after PostgreSQL).
RUN printf 'networkaddress.cache.ttl=5\nnetworkaddress.cache.negative.ttl=1\n' >/deployments/dns.security

USER 185
# 8080: the API. 9000: health, the API description and Swagger UI (the management interface),
# for the load balancer's health checks, not for its listeners.
EXPOSE 8080 9000
# The root file system is read-only in ECS and compose: everything that writes goes to /tmp,
# a volume. The heap follows the container's memory; one or two vCPUs suit SerialGC. Memory
# the JIT compilers and others freed goes back to the system every 5 s.
ENV QUARKUS_HTTP_PORT=8080 \
    QUARKUS_MANAGEMENT_PORT=9000 \
    QUARKUS_LOG_CONSOLE_JSON_ENABLED=true \
    JAVA_OPTS="-XX:MaxRAMPercentage=70 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -Xss512k -XX:TrimNativeHeapInterval=5000 -Djava.io.tmpdir=/tmp -Dvertx.cacheDirBase=/tmp/vertx-cache -Djava.security.properties=/deployments/dns.security"
VOLUME /tmp
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD curl -fsS http://localhost:9000/q/health/live || exit 1
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -XX:AOTCache=/deployments/app.aot -jar /deployments/quarkus-run.jar"]

# ---------------------------------------------------------------------------------------
# Local stand-ins, for docker-compose.yml only.

# The shop and the back office, their config.json and the local sign-in, as ./dev-stack/start
# serves them; the sign-in's key (made on first start) is kept in /var/lib/issuer, a volume.
FROM jre AS web
WORKDIR /web
COPY --from=build /build/dev-stack/target/lib/ lib/
COPY --from=build /build/dev-stack/target/dev-stack-1.0.0-SNAPSHOT.jar dev-stack.jar
COPY --from=pages /web/dist/ pages/
COPY --from=build /build/dev-stack/target/bom.json /sbom/dev-stack.cdx.json
COPY --from=pages /web/bom.json /sbom/web-pages.cdx.json
# `docker compose exec web token customer c-1` prints a token, as ./dev-stack/token does.
RUN printf '#!/bin/sh\nexec java -XX:TieredStopAtLevel=1 -cp /web/dev-stack.jar dev.fulfilment.devstack.TokenCommand "$@"\n' \
        > /usr/local/bin/token \
    && chmod 755 /usr/local/bin/token \
    && install -d -o app -g app -m 700 /var/lib/issuer
USER 185
EXPOSE 8080
VOLUME /var/lib/issuer
ENV WEB_PAGES=/web/pages \
    ISSUER_DIRECTORY=/var/lib/issuer
HEALTHCHECK --interval=5s --timeout=3s --start-period=20s --retries=6 \
    CMD curl -fsS http://localhost:8080/.well-known/jwks.json >/dev/null || exit 1
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp", "/web/dev-stack.jar", \
    "dev.fulfilment.devstack.web.WebSite"]

# ElasticMQ with the queues and dead-letter queues of dev-stack/compose/elasticmq.conf; the
# messages are kept in /var/lib/elasticmq (a volume), so that a restart loses none.
FROM jre AS sqs
COPY --from=emulator-jars /emulators/elasticmq/lib/ /elasticmq/lib/
COPY --from=emulator-jars /emulators/elasticmq/bom.json /sbom/elasticmq.cdx.json
COPY dev-stack/compose/elasticmq.conf /elasticmq/elasticmq.conf
RUN install -d -o app -g app -m 700 /var/lib/elasticmq
USER 185
EXPOSE 9324
VOLUME /var/lib/elasticmq
HEALTHCHECK --interval=5s --timeout=3s --start-period=20s --retries=6 \
    CMD curl -fsS 'http://localhost:9324/?Action=ListQueues' >/dev/null || exit 1
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-Xmx128m", "-XX:TieredStopAtLevel=1", \
    "-Dconfig.file=/elasticmq/elasticmq.conf", "-cp", "/elasticmq/lib/*", "org.elasticmq.server.Main"]

# The DynamoDB emulator; its tables are saved to /var/lib/dynamodb (a volume) when it stops.
FROM ${DEBIAN_IMAGE} AS dynamodb
RUN apt-get update \
    && apt-get install -y --no-install-recommends nodejs curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 185 --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin app \
    && install -d -o app -g app -m 700 /var/lib/dynamodb
WORKDIR /emulator
COPY --from=dynamodb-packages /emulator/node_modules/ node_modules/
COPY --from=dynamodb-packages /emulator/bom.json /sbom/dynamodb-emulator.cdx.json
COPY dev-stack/dynamodb/package.json dev-stack/dynamodb/server.mjs ./
COPY dev-stack/dynamodb/lib/ lib/
USER 185
EXPOSE 8000
VOLUME /var/lib/dynamodb
# curl, not a second node: starting node takes seconds on a busy machine, longer than the timeout.
HEALTHCHECK --interval=5s --timeout=3s --start-period=10s --retries=6 \
    CMD curl -fsS -o /dev/null http://127.0.0.1:8000/ || exit 1
ENTRYPOINT ["node", "server.mjs", "--host", "0.0.0.0", "--port", "8000", "--snapshot", "/var/lib/dynamodb/tables.json"]

# PostgreSQL 17 from Debian, as Aurora PostgreSQL 17 runs it: one database and one login per
# service (dev-stack/compose/postgres-init.sql), its cluster in /var/lib/postgresql/data.
FROM ${DEBIAN_IMAGE} AS postgres
# Debian's package would make a cluster of its own at install: the entry point makes it instead.
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-common \
    && sed -ri 's/^#? *create_main_cluster *=.*/create_main_cluster = false/' /etc/postgresql-common/createcluster.conf \
    && apt-get install -y --no-install-recommends postgresql-17 \
    && rm -rf /var/lib/apt/lists/* \
    && install -d -o postgres -g postgres -m 700 /var/lib/postgresql/data
COPY dev-stack/compose/postgres-init.sql dev-stack/compose/postgres-start /usr/local/share/postgres/
USER postgres
ENV PATH=/usr/lib/postgresql/17/bin:$PATH \
    PGDATA=/var/lib/postgresql/data \
    PGHOST=/tmp
EXPOSE 5432
VOLUME /var/lib/postgresql/data
HEALTHCHECK --interval=5s --timeout=3s --start-period=30s --retries=6 \
    CMD pg_isready -q -h 127.0.0.1 -U postgres || exit 1
STOPSIGNAL SIGINT
ENTRYPOINT ["/usr/local/share/postgres/postgres-start"]

FROM jre AS zipkin
COPY --from=emulator-jars /emulators/zipkin/zipkin-server.jar /zipkin/zipkin-server.jar
USER 185
EXPOSE 9411
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=6 \
    CMD curl -fsS http://localhost:9411/health >/dev/null || exit 1
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-Xmx256m", "-jar", "/zipkin/zipkin-server.jar"]

# Prometheus from Debian, scraping the services' management ports (dev-stack/compose/prometheus.yml).
FROM ${DEBIAN_IMAGE} AS prometheus
RUN apt-get update \
    && apt-get install -y --no-install-recommends prometheus \
    && rm -rf /var/lib/apt/lists/*
COPY dev-stack/compose/prometheus.yml /etc/prometheus/prometheus.yml
USER prometheus
EXPOSE 9090
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=6 \
    CMD ["promtool", "check", "healthy", "--url=http://localhost:9090"]
# What it scrapes lasts as long as the container: /tmp.
ENTRYPOINT ["prometheus", "--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/tmp/prometheus", \
    "--web.listen-address=:9090"]
