# Build: JDK 17 + Maven, Node.js/npm from the distribution's packages (the build runs `npm ci` in frontend/ with
# the machine's own npm; no plugin downloads Node). Run: JRE 17. The jar is self-contained (bpmn/, forms/ and the
# front-end assets are on its classpath). `.ci/run` checks that these COPY lines are all the build needs
# (ImageContextIT builds a folder holding only them) and validates docker-compose.yml.
FROM maven:3.9-eclipse-temurin-17 AS build
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pom.xml pom.xml
COPY frontend frontend
COPY src src
COPY bpmn bpmn
COPY forms forms
# The README's and CI's Maven command, tests skipped (they run in CI, not in the image build).
RUN mvn -B -ntp verify -DskipTests

FROM eclipse-temurin:17-jre
# curl for the HEALTHCHECK only
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 guichet
WORKDIR /app
COPY --from=build /src/target/guichet-ops-*.jar /app/guichet-ops.jar
USER guichet
EXPOSE 8080
ENV SPRING_PROFILES_ACTIVE=prod
# Liveness: the process answers. A load balancer asks /actuator/health/readiness instead (README "Health").
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
    CMD curl -fsS http://localhost:8080/actuator/health/liveness || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/guichet-ops.jar"]
