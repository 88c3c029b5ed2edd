package fr.beta.guichet.notification.mattermost;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;

import fr.beta.guichet.provider.ProviderMode;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Mattermost settings, under {@code guichet.mattermost}. In {@code live} mode the REST API v4 of {@code baseUrl} is
 * called with the bot's personal access token; {@code sandbox} (the default) needs nothing: the same client talks,
 * in process, to {@link MattermostFakeApi} with the sandbox's own settings ({@link #effective()}).
 *
 * @param mode           {@code sandbox} when absent
 * @param baseUrl        server root, e.g. {@code https://mattermost.incubateur.net}
 * @param token          the bot's personal access token, from the environment only; never printed
 * @param channelId      id (26 characters) of the ops channel where requests are announced
 * @param connectTimeout 5 s when absent
 * @param readTimeout    15 s when absent; must stay well below the job lock time
 */
@Validated
@ConfigurationProperties("guichet.mattermost")
public record MattermostProperties(
        ProviderMode mode,
        URI baseUrl,
        String token,
        String channelId,
        @DurationMin(millis = 1) Duration connectTimeout,
        @DurationMin(millis = 1) Duration readTimeout) {

    /**
     * Conditional requirements do not fit annotations, so the live check is done here: binding fails at startup
     * with a message naming the missing keys, and a client built by hand gets the same check.
     */
    public MattermostProperties {
        mode = mode == null ? ProviderMode.SANDBOX : mode;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(15) : readTimeout;
        if (mode == ProviderMode.LIVE) {
            var missing = new ArrayList<String>();
            if (baseUrl == null) {
                missing.add("guichet.mattermost.base-url");
            }
            if (token == null || token.isBlank()) {
                missing.add("guichet.mattermost.token");
            }
            if (channelId == null || channelId.isBlank()) {
                missing.add("guichet.mattermost.channel-id");
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException(
                        "guichet.mattermost.mode=live requires " + String.join(", ", missing));
            }
        }
    }

    /** Where the sandbox's client sends (never resolved: the fake answers in process) and what the fake accepts. */
    public static final URI SANDBOX_URL = URI.create("https://mattermost.sandbox.invalid");
    public static final String SANDBOX_TOKEN = "sandbox-mattermost-bot-token";
    public static final String SANDBOX_CHANNEL_ID = "sandboxopschannel000000000";

    /**
     * The settings the client uses: as configured in live mode; in sandbox mode the sandbox's own URL, token and
     * channel (whatever is configured), which {@link MattermostFakeApi} accepts.
     */
    public MattermostProperties effective() {
        return mode == ProviderMode.LIVE ? this
                : new MattermostProperties(mode, SANDBOX_URL, SANDBOX_TOKEN, SANDBOX_CHANNEL_ID, connectTimeout,
                        readTimeout);
    }

    /** Sandbox settings, as when nothing is configured. */
    public static MattermostProperties sandbox() {
        return new MattermostProperties(null, null, null, null, null, null);
    }

    @Override
    public String toString() {
        return "MattermostProperties[mode=" + mode + ", baseUrl=" + baseUrl
                + ", token=" + (token == null || token.isEmpty() ? "<none>" : "<hidden>")
                + ", channelId=" + channelId + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + "]";
    }
}
