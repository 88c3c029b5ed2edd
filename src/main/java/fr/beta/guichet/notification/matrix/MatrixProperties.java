package fr.beta.guichet.notification.matrix;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import fr.beta.guichet.provider.ProviderMode;

/**
 * Matrix (Tchap) settings, under {@code guichet.matrix}. In {@code live} mode the client-server API v3 of
 * {@code homeserverUrl} is called with the bot's access token, posting into {@code roomId}; {@code sandbox} (the
 * default) needs nothing: the same client talks, in process, to {@link MatrixFakeApi} with the sandbox's own
 * settings ({@link #effective()}).
 *
 * @param homeserverUrl  {@code MATRIX_HOMESERVER_URL}, the client-server API's root, e.g.
 *                       {@code https://matrix.agent.dinum.tchap.gouv.fr}
 * @param accessToken    {@code MATRIX_ACCESS_TOKEN}, the bot account's access token; from the environment only,
 *                       never printed
 * @param roomId         {@code MATRIX_ROOM_ID}, the ops room's id ({@code !opaque:server}), which the bot has joined
 * @param connectTimeout 5 s when absent
 * @param readTimeout    15 s when absent; must stay well below the job lock time
 */
@Validated
@ConfigurationProperties("guichet.matrix")
public record MatrixProperties(
        ProviderMode mode,
        URI homeserverUrl,
        String accessToken,
        String roomId,
        @DurationMin(millis = 1) Duration connectTimeout,
        @DurationMin(millis = 1) Duration readTimeout) {

    public static final URI SANDBOX_URL = URI.create("https://matrix.sandbox.invalid");
    public static final String SANDBOX_TOKEN = "sandbox-matrix-access-token";
    public static final String SANDBOX_ROOM_ID = "!guichet-ops:sandbox.invalid";

    public MatrixProperties {
        mode = mode == null ? ProviderMode.SANDBOX : mode;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(15) : readTimeout;
    }

    /**
     * A live mode missing a setting fails at startup, naming the variable to set — only when the chat is Matrix
     * ({@code GUICHET_CHAT=matrix|both}): the properties are bound whatever the chat, and a Mattermost-only
     * deployment needs no Matrix variable.
     */
    public MatrixProperties requireLiveSettings() {
        if (mode == ProviderMode.LIVE) {
            var missing = new ArrayList<String>();
            if (homeserverUrl == null || homeserverUrl.toString().isBlank()) {
                missing.add("MATRIX_HOMESERVER_URL (guichet.matrix.homeserver-url)");
            }
            if (accessToken == null || accessToken.isBlank()) {
                missing.add("MATRIX_ACCESS_TOKEN (guichet.matrix.access-token)");
            }
            if (roomId == null || roomId.isBlank()) {
                missing.add("MATRIX_ROOM_ID (guichet.matrix.room-id)");
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("guichet.matrix.mode=live requires " + String.join(", ", missing));
            }
        }
        return this;
    }

    /** As configured in live mode; the sandbox's own URL, token and room in sandbox mode. */
    public MatrixProperties effective() {
        return mode == ProviderMode.LIVE ? this
                : new MatrixProperties(mode, SANDBOX_URL, SANDBOX_TOKEN, SANDBOX_ROOM_ID, connectTimeout, readTimeout);
    }

    @Override
    public String toString() {
        return "MatrixProperties[mode=" + mode + ", homeserverUrl=" + homeserverUrl
                + ", accessToken=" + (accessToken == null || accessToken.isEmpty() ? "<none>" : "<hidden>")
                + ", roomId=" + roomId + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + "]";
    }
}
