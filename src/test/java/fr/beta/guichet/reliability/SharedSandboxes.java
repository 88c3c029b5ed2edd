package fr.beta.guichet.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import fr.beta.guichet.account.ChatIdentities;
import fr.beta.guichet.notification.ChatThread;
import fr.beta.guichet.provider.HttpTransport;
import fr.beta.guichet.provider.HttpTransportDecorator;
import fr.beta.guichet.provider.ProviderRequest;
import fr.beta.guichet.provider.ProviderResponse;
import fr.beta.guichet.provider.ProviderTransports;
import fr.beta.guichet.provider.dockerhub.DockerHubFakeApi;
import fr.beta.guichet.provider.matomo.MatomoFakeApi;
import fr.beta.guichet.support.ChatProbe;

/**
 * One set of sandbox providers shared by several application contexts (engine nodes) of the same JVM, so that
 * "created once" is a real count: every node writes to the same in-memory OVH, Matomo and Docker Hub. The chat's
 * fake keeps its state in the database, which the nodes share: its write calls are counted by an
 * {@link HttpTransportDecorator} on each node, and its threads read from the database.
 * Each write call is counted per resource key ({@link #writes()}) before the sandbox runs it, whether it then
 * succeeds or not: two calls for one key are a duplicate.
 * <p>
 * {@link #initializer()} makes a context use these instances: a bean post-processor swaps each sandbox bean the
 * provider configurations create for the shared one (same type, so injection by concrete type still works).
 * Providers on the seam (OVH) need no swap: their fakes keep their state in the database both nodes share; their
 * write calls are counted by an {@link HttpTransportDecorator} registered in each context ({@link #writeCounter()}).
 * <p>
 * Matomo and Docker Hub are the live clients on their fakes ({@code MatomoFakeApi}, {@code DockerHubFakeApi}), whose
 * state is in the nodes' one database, hence shared already: their writes are counted at the transport by
 * {@link WriteCounter}, an {@link HttpTransportDecorator} registered in every node, once the fake accepted them
 * (a refused write creates nothing).
 * <p>
 * Sentry's write calls are counted by {@link #seamWrites} ({@code sentry-team:slug}, {@code sentry-invite:email},
 * {@code sentry-add:member/slug}).
 */
final class SharedSandboxes {

    private static final String REACT = "react:";
    /** Chat posts and replies, idempotent by key. */
    private static final String CHAT = "chat:";

    private final Map<String, AtomicInteger> writes = new ConcurrentHashMap<>();
    /** Pause before each write, to keep jobs in flight longer (failover scenario); 0 = none. */
    private volatile long writeDelayMillis;
    /** Thread-name prefix of a node being "crashed": its job threads block before any write. */
    private volatile String frozenPrefix;
    private volatile boolean frozenFail;
    private final AtomicInteger blocked = new AtomicInteger();

    private final WriteCounter writeCounter = new WriteCounter();
    /** Reads the chat's threads (from the shared database) through the first node started. */
    private final List<ConfigurableApplicationContext> nodes = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** @param emailDelay unused since OVH moved to the seam: the nodes' {@code guichet.ovh.sandbox-email-delay} */
    SharedSandboxes(Duration emailDelay) {
    }

    private static String field(ProviderRequest request, String name) {
        try {
            com.fasterxml.jackson.databind.JsonNode body = JSON.readTree(request.body());
            return body == null ? "" : body.path(name).asText("");
        } catch (java.io.IOException e) {
            return "(unreadable body)";
        }
    }

    /** Write calls per resource key, e.g. {@code dns:label}, {@code invite:login}, {@code chat:post:<key>}. */
    Map<String, Integer> writes() {
        Map<String, Integer> copy = new TreeMap<>();
        writes.forEach((key, count) -> copy.put(key, count.get()));
        return copy;
    }

    /**
     * Keys written more than once, idempotent writes excepted: adding the same reaction twice leaves one reaction
     * (Mattermost and the sandbox keep it once), and a chat post or reply is made once per idempotency key, so a
     * repeated call of either is no duplicate. What the chat really holds is checked instead: a root message or a
     * reply in one thread that is there twice is a duplicate ({@code chat-posted:...}).
     */
    Map<String, Integer> duplicates() {
        Map<String, Integer> copy = writes();
        copy.entrySet().removeIf(e -> e.getValue() < 2 || isIdempotent(e.getKey()));
        Map<String, Integer> posted = new TreeMap<>();
        for (var thread : chatThreads()) {
            posted.merge("chat-posted:" + thread.message(), 1, Integer::sum);
            thread.replies().forEach(r -> posted.merge("chat-posted:" + thread.rootId() + ":" + r.message(), 1,
                    Integer::sum));
        }
        posted.forEach((key, count) -> {
            if (count > 1) {
                copy.put(key, count);
            }
        });
        return copy;
    }

    /** Idempotent writes (reactions) called more than once, e.g. by a job rerun after a node crashed mid-job. */
    Map<String, Integer> repeatedIdempotentWrites() {
        Map<String, Integer> copy = writes();
        copy.entrySet().removeIf(e -> e.getValue() < 2 || !isIdempotent(e.getKey()));
        return copy;
    }

    private static boolean isIdempotent(String key) {
        return key.startsWith(REACT) || key.startsWith(CHAT);
    }

    /**
     * The chat's threads, as the nodes' shared database holds them, read through a node still running (a node
     * "crashed" by a test has lost its database).
     */
    List<ChatThread> chatThreads() {
        var node = nodes.stream().filter(ConfigurableApplicationContext::isActive).reduce((first, last) -> last)
                .orElseThrow(() -> new IllegalStateException("no node running"));
        return new ChatProbe(node.getBean(ProviderTransports.class), node.getBean(ChatIdentities.class)).threads();
    }

    void slowWrites(long millis) {
        this.writeDelayMillis = millis;
    }

    /**
     * The job threads of the node whose thread names start with {@code prefix} stop before their next write
     * (they never perform it) until {@link #failFrozen()}: lets a test "crash" a node with jobs in flight but no
     * half-done side effect.
     */
    void freeze(String prefix) {
        frozenFail = false;
        frozenPrefix = prefix;
    }

    /** Frozen threads give up with an exception, their write not done. */
    void failFrozen() {
        frozenFail = true;
    }

    /** Threads currently blocked by {@link #freeze}. */
    int blocked() {
        return blocked.get();
    }

    /**
     * Makes a context use the shared instances, and names its job executor threads {@code <node>-job-N} so that
     * {@link #freeze} can tell the nodes apart.
     */
    ApplicationContextInitializer<ConfigurableApplicationContext> initializer(String node) {
        return context -> {
            context.getBeanFactory().registerSingleton("sharedSandboxesWriteCounter", writeCounter());
            context.getBeanFactory().registerSingleton("sharedSandboxesMatomoDockerHubWrites", writeCounter);
            context.getBeanFactory().registerSingleton("countingChatWrites", new CountingChatWrites());
            nodes.add(context);
            context.getBeanFactory().registerSingleton("sharedSandboxesSeamWrites", seamWrites);
            addSwaps(context, node);
        };
    }

    /**
     * Counts the write calls of the providers on the seam before they are sent, per resource key (and applies
     * {@link #slowWrites} and {@link #freeze}): OVH's record, mailbox and redirection creations.
     */
    HttpTransportDecorator writeCounter() {
        return transport -> new HttpTransport() {
            @Override
            public String provider() {
                return transport.provider();
            }

            @Override
            public ProviderResponse send(String method, String url, java.util.Map<String, String> headers,
                    String body) {
                String key = writeKey(transport.provider(), new ProviderRequest(method, url, headers, body));
                if (key != null) {
                    count(key);
                }
                return transport.send(method, url, headers, body);
            }
        };
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /** The resource key of a write call, or {@code null} for a read or a call not counted. */
    private static String writeKey(String provider, ProviderRequest request) {
        if (!provider.equals("ovh") || !request.method().equals("POST")) {
            return null;
        }
        String path = request.rawPath();
        try {
            var body = JSON.readTree(request.body());
            if (path.endsWith("/record")) {
                String type = body.path("fieldType").asText();
                // a delegation writes several NS (and DS) records at one name: each is its own resource
                return type.equals("NS") || type.equals("DS")
                        ? "dns:" + body.path("subDomain").asText() + ":" + type + ":" + body.path("target").asText()
                        : "dns:" + body.path("subDomain").asText();
            }
            if (path.endsWith("/account")) {
                return "mailbox:" + body.path("accountName").asText();
            }
            if (path.endsWith("/redirection")) {
                return "redirection:" + body.path("from").asText();
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("OVH write without a JSON body: " + path, e);
        }
        return null;
    }

    /** Counts the write calls of the providers on the seam, like the counting sandboxes below. */
    final HttpTransportDecorator seamWrites = transport -> new HttpTransport() {
        @Override
        public String provider() {
            return transport.provider();
        }

        @Override
        public ProviderResponse send(String method, String url, java.util.Map<String, String> headers, String body) {
            String key = sentryWriteKey(transport.provider(), new ProviderRequest(method, url, headers, body));
            if (key != null) {
                count(key);
            }
            return transport.send(method, url, headers, body);
        }
    };

    /** Sentry's write calls by resource ({@code sentry-team:slug}, {@code sentry-invite:email}, {@code sentry-add:member/slug}). */
    private static String sentryWriteKey(String provider, ProviderRequest request) {
        if (!provider.equals("sentry") || request.method().equals("GET")) {
            return null;
        }
        var segments = request.segments(); // api, 0, organizations, {org}, …
        if (segments.size() >= 5) {
            var rest = segments.subList(4, segments.size());
            if (rest.equals(java.util.List.of("teams"))) {
                return "sentry-team:" + field(request, "slug");
            }
            if (rest.equals(java.util.List.of("members"))) {
                return "sentry-invite:" + field(request, "email");
            }
            if (rest.size() == 4 && rest.get(2).equals("teams")) {
                String verb = request.method().equals("POST") ? "add" : request.method().toLowerCase();
                return "sentry-" + verb + ":" + rest.get(1) + "/" + rest.get(3);
            }
        }
        return provider + ":" + request.method() + " " + request.rawPath();
    }

    /** Names the node's job threads {@code <node>-job-N}, so that {@link #freeze} can tell the nodes apart. */
    private void addSwaps(ConfigurableApplicationContext context, String node) {
        context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof ThreadPoolTaskExecutor executor && "camundaTaskExecutor".equals(beanName)) {
                    executor.setThreadNamePrefix(node + "-job-");
                }
                return bean;
            }
        });
    }

    private void count(String key) {
        freezeIfFrozen(key);
        writes.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        delayWrite();
    }

    /** A thread of a frozen node blocks here, then gives up without writing. */
    private void freezeIfFrozen(String key) {
        String prefix = frozenPrefix;
        if (prefix != null && Thread.currentThread().getName().startsWith(prefix)) {
            blocked.incrementAndGet();
            try {
                while (!frozenFail) {
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        break;
                    }
                }
            } finally {
                blocked.decrementAndGet();
            }
            throw new IllegalStateException("node crashed before writing " + key);
        }
    }

    private void delayWrite() {
        long delay = writeDelayMillis;
        if (delay > 0) {
            // Not interruptible on purpose: a node being closed finishes the call it started, as a real HTTP
            // call would; the job's transaction may still be lost with the node.
            long until = System.nanoTime() + delay * 1_000_000;
            boolean interrupted = false;
            while (System.nanoTime() < until) {
                try {
                    Thread.sleep(Math.max(1, (until - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Counts the Matomo and Docker Hub writes the fake accepted, by resource: {@code site:<url>},
     * {@code invite:<login>}, {@code access:<login>@<site>}, {@code docker:<team>/<docker id>} (added to the team or
     * invited to it). Frozen and slowed down like the sandbox writes, before the call.
     */
    private final class WriteCounter implements HttpTransportDecorator {

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
                    String key = writeKey(transport.provider(), request);
                    if (key == null) {
                        return transport.send(method, url, headers, body);
                    }
                    freezeIfFrozen(key);
                    delayWrite();
                    ProviderResponse response = transport.send(method, url, headers, body);
                    if (response.isSuccess() && !response.body().contains("\"result\":\"error\"")) {
                        writes.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                    }
                    return response;
                }
            };
        }

        private static String writeKey(String provider, ProviderRequest request) {
            if (provider.equals(MatomoFakeApi.API) && MatomoFakeApi.writes().test(request)) {
                Map<String, String> form = request.form();
                return switch (form.get("method")) {
                    case "SitesManager.addSite" -> "site:" + form.get("urls[0]");
                    case "UsersManager.inviteUser" -> "invite:" + form.get("userLogin");
                    case "UsersManager.setUserAccess" -> "access:" + form.get("userLogin") + "@" + form.get("idSites");
                    default -> "matomo:" + form.get("method") + ":" + form.get("userLogin");
                };
            }
            if (provider.equals(DockerHubFakeApi.API) && DockerHubFakeApi.writes().test(request)) {
                var segments = request.segments();
                if (request.rawPath().equals("/v2/invites/bulk")) {
                    var json = readJson(request.body());
                    return "docker:" + json.path("team").asText() + "/" + json.path("invitees").path(0).asText();
                }
                if (segments.size() == 6 && segments.get(5).equals("members")) {
                    return "docker:" + segments.get(4) + "/" + readJson(request.body()).path("member").asText();
                }
                return "docker:" + request.method() + ":" + request.rawPath();
            }
            return null;
        }

        private static com.fasterxml.jackson.databind.JsonNode readJson(String body) {
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
            } catch (Exception e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }
    }

    /**
     * The chat's write calls, counted before they are sent (and frozen like the other writes): posts and replies by
     * their idempotency key ({@code props.guichet_key}), among the idempotent writes — Mattermost with
     * {@code MattermostChannel} posts a key once however often it is called; reactions by post and emoji. Whether
     * a message was really posted twice is checked on the chat's threads.
     */
    private final class CountingChatWrites implements HttpTransportDecorator {
        private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
                new com.fasterxml.jackson.databind.ObjectMapper();

        @Override
        public HttpTransport decorate(HttpTransport transport) {
            if (!transport.provider().equals("mattermost")) {
                return transport;
            }
            return new HttpTransport() {
                @Override
                public String provider() {
                    return transport.provider();
                }

                @Override
                public ProviderResponse send(String method, String url, Map<String, String> headers, String body) {
                    if (method.equals("POST")) {
                        count(keyOf(url, body));
                    }
                    return transport.send(method, url, headers, body);
                }
            };
        }

        private String keyOf(String url, String body) {
            try {
                var json = JSON.readTree(body);
                if (url.endsWith("/api/v4/reactions")) {
                    return REACT + json.path("post_id").asText() + ":" + json.path("emoji_name").asText();
                }
                String root = json.path("root_id").asText("");
                String key = json.path("props").path("guichet_key").asText();
                return CHAT + (root.isEmpty() ? "post:" + key : "reply:" + root + ":" + key);
            } catch (Exception e) {
                return CHAT + "unreadable";
            }
        }
    }
}
