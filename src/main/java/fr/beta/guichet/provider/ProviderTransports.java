package fr.beta.guichet.provider;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Builds each provider's {@link HttpTransport}: Camunda Connect in live mode, the provider's {@link FakeApi} on the
 * {@link SandboxStore} in sandbox mode; then applies the {@link HttpTransportDecorator}s (tests only).
 */
@Component
public class ProviderTransports {

    private final SandboxStore store;
    private final List<HttpTransportDecorator> decorators;
    private final List<FakeApi> fakes = new java.util.concurrent.CopyOnWriteArrayList<>();

    public ProviderTransports(SandboxStore store, ObjectProvider<HttpTransportDecorator> decorators) {
        this.store = store;
        this.decorators = decorators.orderedStream().toList();
    }

    /**
     * @param fake built only in sandbox mode
     */
    public HttpTransport transport(String provider, ProviderMode mode, Duration connectTimeout, Duration readTimeout,
            Supplier<? extends FakeApi> fake) {
        HttpTransport transport;
        if (mode == ProviderMode.LIVE) {
            transport = new ConnectHttpTransport(provider, connectTimeout, readTimeout);
        } else {
            FakeApi api = fake.get();
            if (!fakes.contains(api)) {
                fakes.add(api); // two transports of one fake (Matrix's channel and room reader) list it once
            }
            transport = new SandboxTransport(provider, api, store);
        }
        for (HttpTransportDecorator decorator : decorators) {
            transport = decorator.decorate(transport);
        }
        return transport;
    }

    /** The fakes serving the providers in sandbox mode, in the order they were built. */
    public List<FakeApi> sandboxFakes() {
        return List.copyOf(fakes);
    }

    public SandboxStore store() {
        return store;
    }
}
