package fr.beta.guichet.provider;

import java.time.Duration;
import java.util.Map;

import org.camunda.connect.Connectors;
import org.camunda.connect.httpclient.HttpConnector;
import org.camunda.connect.httpclient.HttpResponse;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

/**
 * Sends provider HTTP calls through Camunda Connect's {@code http-connector}, so that the engine's connect
 * plugin owns the transport. Timeouts are set on every request and must stay well below the job lock time, so
 * that a slow call is never run twice in parallel by two job executors.
 * <p>
 * HTTP error statuses are returned, not thrown: each client maps them to {@link ProviderRejectedException} or
 * {@link ProviderUnavailableException} itself. I/O failures are wrapped in {@link ProviderUnavailableException}.
 * <p>
 * Every call is timed into {@code guichet.provider.calls} (Prometheus {@code guichet_provider_calls_seconds}) tagged
 * by provider, method and outcome ({@code success}, {@code client_error}, {@code server_error}, {@code io_error}),
 * and every failed one counted in {@code guichet.provider.errors}: on Micrometer's global registry, which Spring
 * Boot binds to the application's registries.
 */
public class ConnectHttpTransport implements HttpTransport {

    private final String provider;
    private final HttpConnector connector;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final MeterRegistry meters;

    public ConnectHttpTransport(String provider, Duration connectTimeout, Duration readTimeout) {
        this(provider, Connectors.getConnector(HttpConnector.ID), connectTimeout, readTimeout);
    }

    public ConnectHttpTransport(String provider, HttpConnector connector, Duration connectTimeout, Duration readTimeout) {
        this(provider, connector, connectTimeout, readTimeout, Metrics.globalRegistry);
    }

    public ConnectHttpTransport(String provider, HttpConnector connector, Duration connectTimeout, Duration readTimeout,
            MeterRegistry meters) {
        if (connector == null) {
            throw new IllegalStateException("Camunda Connect http-connector is not on the classpath");
        }
        this.provider = provider;
        this.connector = connector;
        this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
        this.readTimeoutMillis = Math.toIntExact(readTimeout.toMillis());
        this.meters = meters;
    }

    @Override
    public ProviderResponse send(String method, String url, Map<String, String> headers, String body) {
        var request = connector.createRequest()
                .url(url)
                .method(method)
                .configOption("connection-timeout", connectTimeoutMillis)
                .configOption("connection-request-timeout", connectTimeoutMillis)
                .configOption("socket-timeout", readTimeoutMillis);
        headers.forEach(request::header);
        if (body != null) {
            request.payload(body);
        }
        HttpResponse response;
        Timer.Sample sample = Timer.start(meters);
        try {
            response = request.execute();
        } catch (RuntimeException e) {
            record(sample, method, "io_error");
            throw new ProviderUnavailableException(provider, method + " " + pathOf(url) + " failed: " + rootMessage(e), e);
        }
        int status = response.getStatusCode();
        record(sample, method, outcomeOf(status));
        try {
            return new ProviderResponse(response.getStatusCode(), response.getResponse(), response.getHeaders());
        } finally {
            response.close();
        }
    }

    private void record(Timer.Sample sample, String method, String outcome) {
        record(meters, provider, sample, method, outcome);
    }

    /** Records one provider call; {@link SandboxTransport} records its calls the same way. */
    static void record(MeterRegistry meters, String provider, Timer.Sample sample, String method, String outcome) {
        sample.stop(Timer.builder("guichet.provider.calls").description("Provider HTTP calls")
                .tags("provider", provider, "method", method, "outcome", outcome)
                .publishPercentileHistogram().register(meters));
        if (!"success".equals(outcome)) {
            Counter.builder("guichet.provider.errors").description("Provider HTTP calls that failed")
                    .tags("provider", provider, "kind", outcome).register(meters).increment();
        }
    }

    static String outcomeOf(int status) {
        return status < 400 ? "success" : status < 500 ? "client_error" : "server_error";
    }

    @Override
    public String provider() {
        return provider;
    }

    /** Only the path goes into messages: query strings may carry identifiers we do not want in incidents. */
    static String pathOf(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : " " + t.getMessage());
    }
}
