package fr.beta.guichet.request.engine;

import org.springframework.stereotype.Component;

/** Timer expression of the models: {@code ${providerPolling.interval}}. Bean name {@code providerPolling}. */
@Component("providerPolling")
public class ProviderPolling {

    private final ProviderPollingProperties properties;

    ProviderPolling(ProviderPollingProperties properties) {
        this.properties = properties;
    }

    public String getInterval() {
        return properties.interval().toString();
    }

    int maxChecks() {
        return properties.maxChecks();
    }
}
