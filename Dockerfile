# One image recipe for every service of the platform (factor V: the image is the build artifact; configuration
# comes from environment variables and config-service at run time, never from the image).
#
# Build the jars first, then one image per service (the build context is the repository root):
#
#   ./mvnw -DskipTests package
#   docker build --build-arg SERVICE=order-service --build-arg SERVER_PORT=8081 --build-arg MANAGEMENT_PORT=9081 \
#                --build-arg VERSION=0.1.0-SNAPSHOT --build-arg GIT_REVISION=$(git rev-parse HEAD) \
#                -t twelve-factor-platform/order-service:0.1.0-SNAPSHOT .
#
# docker compose and CI pass the same arguments. The jar is built by Maven outside the image so that the tests that
# ran (./mvnw verify) ran against exactly the bytes that ship, and so that no Maven cache is needed in the build.

# The same Temurin release in both stages, each pinned by tag and digest: the tag says which release, the digest
# (of the multi-platform image index, so amd64 and arm64 both resolve) makes a rebuild of an old commit use the very
# same bytes even after the tag is re-pushed upstream. Dependabot proposes new tag/digest pairs (.github/dependabot.yml).
# The training run below happens in the runtime image itself, so the AOT cache always matches its JVM.
FROM eclipse-temurin:25.0.3_9-jdk-noble@sha256:735baf2edc6cd6485240144a84fa4db142b9a6f47b4eb4080f31058d200f9813 AS extract
ARG SERVICE
ARG SERVER_PORT
ARG MANAGEMENT_PORT
WORKDIR /build
# Fail early and clearly instead of producing an image that cannot start or report its health.
RUN test -n "${SERVICE}" -a -n "${SERVER_PORT}" -a -n "${MANAGEMENT_PORT}" \
 || { echo "Set --build-arg SERVICE, SERVER_PORT and MANAGEMENT_PORT (e.g. order-service, 8081, 9081)" >&2; exit 1; }
COPY ${SERVICE}/target/${SERVICE}.jar app.jar
# Spring Boot's layered extraction: app.jar (a thin jar whose manifest lists lib/*.jar) and lib/, split into
# layers that change at different rates. Dependencies change rarely, so their layer is reused from the cache and
# is not pushed again; only the small application layer changes from commit to commit. The extracted jars also
# start faster than the nested fat jar, also with an AOT cache (./platform bench startup compares the launches).
RUN java -Djarmode=tools -jar app.jar extract --layers --destination layers
# The container health check: a tiny HTTP client compiled here, because the JRE image has no curl or wget, and
# compiling once beats the source launcher compiling it again on every check. Beside it the tool docker compose's
# one-shot container runs to create auth-service's signing key (the JRE image has no openssl or keytool either).
COPY docker/HealthCheck.java docker/SigningKey.java tools/
RUN javac --release 25 -d tools tools/HealthCheck.java tools/SigningKey.java && rm tools/*.java

FROM eclipse-temurin:25.0.3_9-jre-noble@sha256:fbcf915c585659b30eb766ada4d6d7cfc9ec1040bf521e95bf61b10a25af73db
ARG SERVICE
ARG SERVER_PORT
ARG MANAGEMENT_PORT
ARG VERSION=unknown
ARG GIT_REVISION=unknown
# CI passes the repository's address; a local build leaves it empty.
ARG SOURCE_URL=

LABEL org.opencontainers.image.title="${SERVICE}" \
      org.opencontainers.image.description="${SERVICE} of the Twelve-Factor Platform" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${GIT_REVISION}" \
      org.opencontainers.image.source="${SOURCE_URL}"

# A fixed numeric user, not root: Kubernetes' runAsNonRoot can only verify a numeric UID, and the manifests pin
# runAsUser to the same number. No home directory and no login shell: the process needs neither.
RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin app \
 && install -d -o 10001 -g 10001 -m 0700 /var/lib/platform/keys
# /var/lib/platform/keys: where auth-service reads its signing key (AUTH_SIGNING_KEY_PATH). Owned by the app user
# and closed to everyone else, so that docker compose's named volume mounted here starts with that owner and mode
# (Docker copies them from the image into a new, empty volume); Kubernetes mounts a Secret here instead.

WORKDIR /app
# Least to most often changed, one image layer each.
COPY --from=extract /build/layers/dependencies/ ./
COPY --from=extract /build/layers/spring-boot-loader/ ./
COPY --from=extract /build/layers/snapshot-dependencies/ ./
COPY --from=extract /build/layers/application/ ./
COPY --from=extract /build/tools/ tools/
# The same JVM flags as every other way of starting a service (the launcher reads this file too).
COPY jvm.options ./

# JDK AOT cache (JEP 483/514): a training run records the classes the application loads and links while its
# context starts, and later starts map them in ready-made (measured with inventory-service: 5.3 s -> 3.8 s to a
# refreshed context). The training run uses the very flags of jvm.options, because the JVM ignores a cache made
# with other GC or object-header flags. It needs neither config-service, Eureka nor a database: the context is
# refreshed and the JVM exits (spring.context.exit=onRefresh) before anything connects; Eureka clients neither
# register nor fetch (the Eureka server still gets its client beans, which eureka.client.enabled=false would
# remove); the datasource points at a port where nothing listens, so the one startup query fails at once;
# config-service gets config-repo/ to serve. Credentials have no fallback anywhere, so the run gets throwaway
# ones (it calls nobody), and auth-service a throwaway signing key that is deleted with the rest; nothing of either
# stays in the image. When training fails anyway, the image still builds and starts without a cache: aot.options
# then holds no option, and the build log says so.
# The services that take their settings from config-service (JWT validation, auth-service's clients) cannot fetch
# them in the training run: they import config-repo's shared file and their own instead.
COPY config-repo/application.yml config-repo/auth-service.yml config-repo/gateway-service.yml \
     config-repo/inventory-service.yml config-repo/order-service.yml /tmp/aot-training/config-repo/
RUN set -eu; \
    java -cp /app/tools SigningKey /tmp/aot-training/signing-key.pem; \
    case "${SERVICE}" in discovery-service|config-service) ;; \
        *) export SPRING_CONFIG_IMPORT=file:/tmp/aot-training/config-repo/application.yml,file:/tmp/aot-training/config-repo/${SERVICE}.yml ;; \
    esac; \
    if CONFIG_REPO_PATH=/tmp/aot-training/config-repo AUTH_SIGNING_KEY_PATH=/tmp/aot-training/signing-key.pem \
        EUREKA_PASSWORD=aot-training CONFIG_PASSWORD=aot-training MONITORING_PASSWORD=aot-training \
        ADMIN_PASSWORD=aot-training ORDER_SERVICE_CLIENT_SECRET=aot-training-order-service \
        PLATFORM_CLI_CLIENT_SECRET=aot-training-platform-cli LOAD_GENERATOR_CLIENT_SECRET=aot-training-load-generator \
        DEMO_USER_PASSWORD=aot-training AUTH_URL=http://127.0.0.1:1 PUBLIC_URL=http://127.0.0.1:1 \
        java @jvm.options -XX:AOTCacheOutput=app.aot -Xlog:aot=error \
            -Dspring.context.exit=onRefresh -jar /app/app.jar \
            --spring.cloud.config.enabled=false \
            --eureka.client.register-with-eureka=false --eureka.client.fetch-registry=false \
            --spring.flyway.enabled=false \
            --spring.datasource.url=jdbc:postgresql://127.0.0.1:1/aot-training \
            --logging.structured.format.console= --logging.level.root=WARN \
        && [ -s app.aot ]; then \
        echo "-XX:AOTCache=/app/app.aot" > aot.options; \
    else \
        echo "AOT training failed: ${SERVICE} runs without an AOT cache" >&2; \
        rm -f app.aot; \
        echo "# No AOT cache: the training run failed when this image was built." > aot.options; \
    fi; \
    rm -rf /tmp/aot-training

# The service's own default ports, also as environment: the health check reads MANAGEMENT_PORT, and a plain
# `docker run` needs nothing else. Compose and Kubernetes set both anyway (the launcher's names, factor X).
ENV SERVER_PORT=${SERVER_PORT} \
    MANAGEMENT_PORT=${MANAGEMENT_PORT}
EXPOSE ${SERVER_PORT} ${MANAGEMENT_PORT}
USER 10001:10001

# Ready means the readiness group is UP (database included where the service has one). Generous start period: a
# laptop starts several services at once, and config clients wait for config-service.
HEALTHCHECK --interval=10s --timeout=5s --start-period=120s --retries=3 \
    CMD ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx16m", "-XX:-UsePerfData", "-cp", "/app/tools", "HealthCheck", "/actuator/health/readiness"]

# Exec form: java is PID 1 and receives SIGTERM itself (graceful shutdown, factor IX). Arguments after the image
# name are passed on, so the same image runs the one-off admin tasks (factor XII):
#   docker run ... twelve-factor-platform/inventory-service:0.1.0-SNAPSHOT admin stock-report
ENTRYPOINT ["java", "@/app/jvm.options", "@/app/aot.options", "-jar", "/app/app.jar"]
