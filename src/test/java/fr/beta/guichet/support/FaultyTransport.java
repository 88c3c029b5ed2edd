package fr.beta.guichet.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;

import fr.beta.guichet.provider.HttpTransport;
import fr.beta.guichet.provider.HttpTransportDecorator;
import fr.beta.guichet.provider.ProviderRequest;
import fr.beta.guichet.provider.ProviderResponse;
import fr.beta.guichet.provider.ProviderUnavailableException;

/**
 * Fault injection around every provider transport of an application context, in process (register it as a bean:
 * it is an {@link HttpTransportDecorator}). Arm a rule for the next N calls of a provider that match a predicate:
 * either a {@link ProviderFault} or any answer of your own (404, HTML instead of JSON, an empty body…) given in place
 * of the provider's. Faults after the write let the fake do the work, then lose the answer: what a retried job meets.
 * Every call is recorded ({@link #calls(String)}).
 */
public class FaultyTransport implements HttpTransportDecorator {

    /** The status recorded for a call whose answer never came (a timeout, a reset connection). */
    public static final int NO_ANSWER = -1;

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    /** The next {@code times} calls of {@code provider} matching {@code which} fail with {@code fault}. */
    public void failNext(String provider, Predicate<ProviderRequest> which, ProviderFault fault, int times) {
        rules.add(new Rule(provider, which, fault, null, times));
    }

    /** The next {@code times} calls of {@code provider} matching {@code which} get {@code answer} instead. */
    public void answerNext(String provider, Predicate<ProviderRequest> which,
            Function<ProviderRequest, ProviderResponse> answer, int times) {
        rules.add(new Rule(provider, which, null, answer, times));
    }

    /** Disarms every rule and forgets the calls. */
    public void reset() {
        rules.clear();
        calls.clear();
    }

    public List<Call> calls(String provider) {
        return calls.stream().filter(c -> c.provider().equals(provider)).toList();
    }

    public static Predicate<ProviderRequest> writes() {
        return r -> !r.method().equals("GET");
    }

    public static Predicate<ProviderRequest> reads() {
        return r -> r.method().equals("GET");
    }

    public static Predicate<ProviderRequest> all() {
        return r -> true;
    }

    @Override
    public HttpTransport decorate(HttpTransport transport) {
        return new HttpTransport() {
            @Override
            public String provider() {
                return transport.provider();
            }

            @Override
            public ProviderResponse send(String method, String url, Map<String, String> headers, String body) {
                var request = new ProviderRequest(method, url, headers, body);
                Rule rule = take(transport.provider(), request);
                if (rule == null) {
                    ProviderResponse response = transport.send(method, url, headers, body);
                    calls.add(new Call(transport.provider(), request, response.status(), false));
                    return response;
                }
                try {
                    ProviderResponse response = rule.apply(transport, request);
                    calls.add(new Call(transport.provider(), request, response.status(), true));
                    return response;
                } catch (RuntimeException answerLost) {
                    calls.add(new Call(transport.provider(), request, NO_ANSWER, true));
                    throw answerLost;
                }
            }
        };
    }

    private synchronized Rule take(String provider, ProviderRequest request) {
        for (Rule rule : new ArrayList<>(rules)) {
            if (rule.provider.equals(provider) && rule.left > 0 && rule.which.test(request)) {
                rule.left--;
                if (rule.left == 0) {
                    rules.remove(rule);
                }
                return rule;
            }
        }
        return null;
    }

    /** One call seen: provider, request, status answered, whether a rule replaced or broke it. */
    public record Call(String provider, ProviderRequest request, int status, boolean faulty) {
    }

    private static final class Rule {
        final String provider;
        final Predicate<ProviderRequest> which;
        final ProviderFault fault;
        final Function<ProviderRequest, ProviderResponse> answer;
        int left;

        Rule(String provider, Predicate<ProviderRequest> which, ProviderFault fault,
                Function<ProviderRequest, ProviderResponse> answer, int times) {
            this.provider = provider;
            this.which = which;
            this.fault = fault;
            this.answer = answer;
            this.left = times;
        }

        ProviderResponse apply(HttpTransport transport, ProviderRequest r) {
            if (answer != null) {
                return answer.apply(r);
            }
            return switch (fault) {
                case SERVER_ERROR -> new ProviderResponse(500, "{\"message\":\"Internal Server Error\"}",
                        Map.of("Content-Type", "application/json"));
                case RATE_LIMITED -> new ProviderResponse(429, "{\"message\":\"Too Many Requests\"}",
                        Map.of("Content-Type", "application/json", "Retry-After", "1"));
                case TIMEOUT_AFTER_WRITE, CONNECTION_DROPPED_AFTER_WRITE -> {
                    transport.send(r.method(), r.url(), r.headers(), r.body().isEmpty() ? null : r.body());
                    throw new ProviderUnavailableException(transport.provider(),
                            r.method() + " " + r.rawPath() + " failed: answer lost (" + fault + ")");
                }
                case MALFORMED_JSON_AFTER_WRITE -> {
                    ProviderResponse done = transport.send(r.method(), r.url(), r.headers(),
                            r.body().isEmpty() ? null : r.body());
                    yield new ProviderResponse(done.status(), "{\"id\": 4815, \"sta", done.headers());
                }
            };
        }
    }
}
