package fr.beta.guichet.provider.ovh;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

import fr.beta.guichet.provider.ProviderMode;

/**
 * OVH API settings ({@code guichet.ovh.*}). Credentials come from environment variables through
 * {@code application.yaml}; they are only required in {@link ProviderMode#LIVE} mode, checked by
 * {@link #requireLiveCredentials()}.
 *
 * @param mode              {@code sandbox} (default) or {@code live}
 * @param endpoint          API root, default {@code https://eu.api.ovh.com/1.0}
 * @param applicationKey    application key (AK), sent in clear as {@code X-Ovh-Application}
 * @param applicationSecret application secret (AS), only ever used to sign
 * @param consumerKey       consumer key (CK), the token that carries the granted rights
 * @param connectTimeout    default 5 s
 * @param readTimeout       default 30 s, well below the job lock time
 * @param sandboxEmailDelay sandbox mode only: how long {@link OvhFakeApi} takes to run a mailbox or redirection
 *                          task, as OVH does asynchronously; default 10 s
 * <p>
 * In sandbox mode the endpoint and the credentials are the sandbox's own ({@link #effective()}): the live client
 * signs with them and the fake checks them. Whatever {@code OVH_*} variables are set never reach the fake.
 */
@Validated
@ConfigurationProperties("guichet.ovh")
public record OvhProperties(
        ProviderMode mode,
        URI endpoint,
        String applicationKey,
        String applicationSecret,
        String consumerKey,
        Duration connectTimeout,
        Duration readTimeout,
        Duration sandboxEmailDelay) {

    public static final URI DEFAULT_ENDPOINT = URI.create("https://eu.api.ovh.com/1.0");
    public static final Duration DEFAULT_SANDBOX_EMAIL_DELAY = Duration.ofSeconds(10);
    /** Sandbox mode's endpoint: never resolved, the sandbox transport answers in process. */
    public static final URI SANDBOX_ENDPOINT = URI.create("https://ovh.sandbox.invalid/1.0");
    /** Sandbox mode's fixed credentials, accepted by {@link OvhFakeApi} only. */
    public static final String SANDBOX_APPLICATION_KEY = "sandboxApplicationKey";
    public static final String SANDBOX_APPLICATION_SECRET = "sandboxApplicationSecret0123456789";
    public static final String SANDBOX_CONSUMER_KEY = "sandboxConsumerKey0123456789abcdef";

    public OvhProperties {
        mode = mode == null ? ProviderMode.SANDBOX : mode;
        endpoint = endpoint == null ? DEFAULT_ENDPOINT : endpoint;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(30) : readTimeout;
        sandboxEmailDelay = sandboxEmailDelay == null ? DEFAULT_SANDBOX_EMAIL_DELAY : sandboxEmailDelay;
    }

    /**
     * The settings the client uses: these in live mode; in sandbox mode the sandbox endpoint and credentials
     * ({@link #SANDBOX_ENDPOINT}, {@link #SANDBOX_APPLICATION_KEY}…), timeouts and delay kept.
     */
    public OvhProperties effective() {
        if (mode == ProviderMode.LIVE) {
            return this;
        }
        return new OvhProperties(mode, SANDBOX_ENDPOINT, SANDBOX_APPLICATION_KEY, SANDBOX_APPLICATION_SECRET,
                SANDBOX_CONSUMER_KEY, connectTimeout, readTimeout, sandboxEmailDelay);
    }

    /**
     * Fails when, in live mode, a credential is missing or blank, naming the missing properties (never their
     * values). Called when the live client is created, so that a misconfigured deployment does not start.
     */
    public void requireLiveCredentials() {
        if (mode != ProviderMode.LIVE) {
            return;
        }
        var missing = new ArrayList<String>();
        if (!StringUtils.hasText(applicationKey)) {
            missing.add("guichet.ovh.application-key (OVH_APPLICATION_KEY)");
        }
        if (!StringUtils.hasText(applicationSecret)) {
            missing.add("guichet.ovh.application-secret (OVH_APPLICATION_SECRET)");
        }
        if (!StringUtils.hasText(consumerKey)) {
            missing.add("guichet.ovh.consumer-key (OVH_CONSUMER_KEY)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("OVH live mode needs credentials; missing: " + String.join(", ", missing));
        }
    }

    /** Credentials are shown as set or missing, never printed. */
    @Override
    public String toString() {
        return "OvhProperties[mode=" + mode + ", endpoint=" + endpoint
                + ", applicationKey=" + presence(applicationKey)
                + ", applicationSecret=" + presence(applicationSecret)
                + ", consumerKey=" + presence(consumerKey)
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", sandboxEmailDelay=" + sandboxEmailDelay + "]";
    }

    private static String presence(String credential) {
        return StringUtils.hasText(credential) ? "(set)" : "(missing)";
    }
}
