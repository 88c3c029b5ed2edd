package fr.beta.guichet.metrics;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Metrics settings.
 *
 * @param scrapeToken  bearer token a Prometheus server may send to {@code /actuator/prometheus}
 *                     ({@code GUICHET_PROMETHEUS_TOKEN}); empty disables the token, managers can still log in
 * @param gaugeRefresh how long the gauges' database figures are reused between scrapes
 */
@ConfigurationProperties("guichet.metrics")
public record MetricsProperties(String scrapeToken, Duration gaugeRefresh) {

    public MetricsProperties {
        scrapeToken = scrapeToken == null ? "" : scrapeToken.strip();
        gaugeRefresh = gaugeRefresh == null ? Duration.ofSeconds(30) : gaugeRefresh;
    }
}
