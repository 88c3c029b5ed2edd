package fr.beta.guichet.provider;

import java.time.Duration;
import java.util.Map;

import org.camunda.connect.Connectors;
import org.camunda.connect.httpclient.HttpConnector;
import org.camunda.connect.httpclient.HttpResponse;

/**
 * Sends provider HTTP calls through Camunda Connect's {@code http-connector}, so that the engine's connect
 * plugin owns the transport. Timeouts are set on every request and must stay well below the job lock time, so
 * that a slow call is never run twice in parallel by two job executors.
 * <p>
 * HTTP error statuses are returned, not thrown: each client maps them to {@link ProviderRejectedException} or
 * {@link ProviderUnavailableException} itself. I/O failures are wrapped in {@link ProviderUnavailableException}.
 */
public class ConnectHttpTransport {

    private final String provider;
    private final HttpConnector connector;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;

    public ConnectHttpTransport(String provider, Duration connectTimeout, Duration readTimeout) {
        this(provider, Connectors.getConnector(HttpConnector.ID), connectTimeout, readTimeout);
    }

    public ConnectHttpTransport(String provider, HttpConnector connector, Duration connectTimeout, Duration readTimeout) {
        if (connector == null) {
            throw new IllegalStateException("Camunda Connect http-connector is not on the classpath");
        }
        this.provider = provider;
        this.connector = connector;
        this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
        this.readTimeoutMillis = Math.toIntExact(readTimeout.toMillis());
    }

    /**
     * @param method  GET, POST, PUT, DELETE…
     * @param url     absolute URL, query string included
     * @param headers request headers (Content-Type included when there is a body)
     * @param body    exact body to send, or {@code null}
     */
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
        try {
            response = request.execute();
        } catch (RuntimeException e) {
            throw new ProviderUnavailableException(provider, method + " " + pathOf(url) + " failed: " + rootMessage(e), e);
        }
        try {
            return new ProviderResponse(response.getStatusCode(), response.getResponse(), response.getHeaders());
        } finally {
            response.close();
        }
    }

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
