package fr.beta.guichet.request.engine;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the models wait for a provider's asynchronous work (OVH creates mailboxes through tasks): check every
 * {@code interval}, at most {@code maxChecks} times, then hand the request to the executor.
 */
@Validated
@ConfigurationProperties("guichet.provider-polling")
public record ProviderPollingProperties(@NotNull Duration interval, @Min(1) int maxChecks) {

    public ProviderPollingProperties {
        interval = interval == null ? Duration.ofMinutes(1) : interval;
        maxChecks = maxChecks <= 0 ? 30 : maxChecks;
    }
}
