package fr.beta.guichet.provider;

import java.util.Map;

/**
 * The seam between every provider client and the network. A client builds its requests (URL, headers, signature,
 * body) and maps the answers itself; the transport only carries them:
 * <ul>
 *   <li>live mode: {@link ConnectHttpTransport}, Camunda Connect's {@code http-connector};</li>
 *   <li>sandbox mode: {@link SandboxTransport}, which hands the very same request, in process, to a stateful
 *   {@link FakeApi} of that provider's HTTP API whose state is in the application's database.</li>
 * </ul>
 * So the demo runs the production clients (signatures, JSON parsing, error mapping) and only the wire differs.
 * <p>
 * HTTP error statuses are returned, not thrown; a failure to get any answer (I/O, timeout) is a
 * {@link ProviderUnavailableException}.
 */
public interface HttpTransport {

    /** The provider's short name ({@code ovh}, {@code matomo}…), used in messages and metrics. */
    String provider();

    /**
     * @param method  GET, POST, PUT, DELETE…
     * @param url     absolute URL, query string included
     * @param headers request headers (Content-Type included when there is a body)
     * @param body    exact body to send, or {@code null}
     */
    ProviderResponse send(String method, String url, Map<String, String> headers, String body);
}
