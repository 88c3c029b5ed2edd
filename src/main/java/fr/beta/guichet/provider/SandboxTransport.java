package fr.beta.guichet.provider;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

/**
 * Sandbox mode's transport: the request the live client built is handed, in process, to the provider's
 * {@link FakeApi}, inside {@link SandboxStore#atomically} (serialized per API, durable once answered). Calls are
 * timed like live ones. A fake that fails unexpectedly answers 500, as a broken server would: the client maps it to
 * a technical failure, the job retries.
 */
public class SandboxTransport implements HttpTransport {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxTransport.class);

    private final String provider;
    private final FakeApi fake;
    private final SandboxStore store;
    private final MeterRegistry meters;

    public SandboxTransport(String provider, FakeApi fake, SandboxStore store) {
        this(provider, fake, store, Metrics.globalRegistry);
    }

    public SandboxTransport(String provider, FakeApi fake, SandboxStore store, MeterRegistry meters) {
        this.provider = provider;
        this.fake = fake;
        this.store = store;
        this.meters = meters;
    }

    @Override
    public String provider() {
        return provider;
    }

    @Override
    public ProviderResponse send(String method, String url, Map<String, String> headers, String body) {
        var request = new ProviderRequest(method, url, headers, body);
        Timer.Sample sample = Timer.start(meters);
        ProviderResponse response;
        try {
            response = store.atomically(fake.api(), () -> fake.handle(request));
        } catch (RuntimeException e) {
            LOG.warn("sandbox {} failed on {} {}: {}", provider, request.method(), request.rawPath(), e.toString());
            response = FakeResponses.json(500, Map.of("message", "sandbox failure"));
        }
        ConnectHttpTransport.record(meters, provider, sample, request.method(),
                ConnectHttpTransport.outcomeOf(response.status()));
        return response;
    }

    public FakeApi fake() {
        return fake;
    }
}
