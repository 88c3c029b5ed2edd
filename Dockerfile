# Build: JDK 17 + Maven; run: JRE 17. The jar is self-contained (bpmn/ and forms/ are on its classpath).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -ntp -q dependency:go-offline
COPY src src
COPY bpmn bpmn
COPY forms forms
RUN mvn -B -ntp -q package -DskipTests

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 guichet
WORKDIR /app
COPY --from=build /src/target/guichet-ops-*.jar /app/guichet-ops.jar
USER guichet
EXPOSE 8080
ENV SPRING_PROFILES_ACTIVE=prod
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/guichet-ops.jar"]
