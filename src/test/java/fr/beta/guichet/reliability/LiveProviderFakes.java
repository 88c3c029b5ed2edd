package fr.beta.guichet.reliability;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Local HTTP fakes of every provider (OVH, Matomo, Docker Hub, Mattermost), for an application started in live
 * mode as a separate process: {@link #environment()} gives the environment variables that point its live clients
 * at them, {@link #dnsRecords()} and {@link #chatMessages()} what they received. The production smoke test sees
 * only this class, so the fakes behind it can be replaced without touching the test.
 * <p>
 * Today: the WireMock-based stateful fakes of this package.
 */
public final class LiveProviderFakes implements AutoCloseable {

    /** A DNS record the OVH fake holds. */
    public record DnsRecord(String zone, String subDomain, String fieldType, String target) {
    }

    private final OvhStatefulFake ovh = new OvhStatefulFake();
    private final MatomoStatefulFake matomo = new MatomoStatefulFake();
    private final DockerHubStatefulFake dockerHub = new DockerHubStatefulFake();
    private final MattermostStatefulFake mattermost = new MattermostStatefulFake();

    public LiveProviderFakes() {
        // forget each fake's warm-up call (the OVH fake counts it as a badly signed one)
        for (StatefulFake fake : List.of(ovh, matomo, dockerHub, mattermost)) {
            fake.reset();
        }
    }

    /** The environment variables of the production profile that point every provider, live, at these fakes. */
    public Map<String, String> environment() {
        var env = new LinkedHashMap<String, String>();
        env.put("OVH_MODE", "live");
        env.put("OVH_ENDPOINT", ovh.endpoint());
        env.put("OVH_APPLICATION_KEY", OvhStatefulFake.APPLICATION_KEY);
        env.put("OVH_APPLICATION_SECRET", OvhStatefulFake.APPLICATION_SECRET);
        env.put("OVH_CONSUMER_KEY", OvhStatefulFake.CONSUMER_KEY);
        env.put("MATOMO_MODE", "live");
        env.put("MATOMO_URL", matomo.baseUrl());
        env.put("MATOMO_TOKEN", MatomoStatefulFake.TOKEN);
        env.put("DOCKERHUB_MODE", "live");
        // no variable of its own in application.yaml: Spring's relaxed binding of guichet.dockerhub.base-url
        env.put("GUICHET_DOCKERHUB_BASE_URL", dockerHub.baseUrl());
        env.put("DOCKERHUB_ORGANIZATION", DockerHubStatefulFake.ORGANIZATION);
        env.put("DOCKERHUB_IDENTIFIER", DockerHubStatefulFake.IDENTIFIER);
        env.put("DOCKERHUB_TOKEN", DockerHubStatefulFake.SECRET);
        env.put("MATTERMOST_MODE", "live");
        env.put("MATTERMOST_URL", mattermost.baseUrl());
        env.put("MATTERMOST_TOKEN", MattermostStatefulFake.TOKEN);
        env.put("MATTERMOST_CHANNEL_ID", MattermostStatefulFake.CHANNEL_ID);
        return env;
    }

    /** The records the OVH fake holds, in creation order. */
    public List<DnsRecord> dnsRecords() {
        return ovh.records().stream()
                .map(r -> new DnsRecord(r.zone(), r.subDomain(), r.fieldType(), r.target())).toList();
    }

    /** OVH calls refused for a bad signature (0 when the app signs as OVH wants). */
    public int badlySignedOvhCalls() {
        return ovh.badlySigned();
    }

    /** The messages posted in the ops channel (roots and replies), oldest first. */
    public List<String> chatMessages() {
        return mattermost.posts().stream().map(p -> String.valueOf(p.get("message"))).toList();
    }

    @Override
    public void close() {
        for (StatefulFake fake : List.of(ovh, matomo, dockerHub, mattermost)) {
            fake.stop();
        }
    }
}
