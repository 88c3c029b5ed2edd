package fr.beta.guichet.provider.matomo;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

import fr.beta.guichet.provider.ProviderMode;

/**
 * Matomo settings ({@code guichet.matomo.*}). The URL and the token come from the environment ({@code MATOMO_URL},
 * {@code MATOMO_TOKEN}); they are only required in {@link ProviderMode#LIVE} mode, checked by
 * {@link #requireLiveCredentials()}. In sandbox mode the client talks to {@link MatomoFakeApi} with a base URL and a
 * token of its own ({@link #effective()}): configured credentials are never used there.
 *
 * @param mode           {@code sandbox} (default) or {@code live}
 * @param baseUrl        Matomo root, e.g. {@code https://stats.beta.gouv.fr}; the API is {@code {baseUrl}/index.php}
 * @param token          {@code token_auth} of a superuser (adding sites and reading users by email need it); only
 *                       ever sent in a POST body, never printed
 * @param connectTimeout default 5 s
 * @param readTimeout    default 30 s, well below the job lock time
 */
@Validated
@ConfigurationProperties("guichet.matomo")
public record MatomoProperties(
        ProviderMode mode,
        URI baseUrl,
        String token,
        @DurationMin(millis = 1) Duration connectTimeout,
        @DurationMin(millis = 1) Duration readTimeout) {

    /** Where the sandbox Matomo answers (in process: nothing is resolved or connected). */
    public static final URI SANDBOX_BASE_URL = URI.create("https://matomo.sandbox.invalid");
    /** The token the sandbox Matomo accepts; not a secret. */
    public static final String SANDBOX_TOKEN = "sandbox-matomo-token";

    public MatomoProperties {
        mode = mode == null ? ProviderMode.SANDBOX : mode;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(30) : readTimeout;
    }

    /**
     * Fails when, in live mode, the base URL or the token is missing, naming the missing properties (never their
     * values). Called when the live client is created, so that a misconfigured deployment does not start.
     */
    public void requireLiveCredentials() {
        if (mode != ProviderMode.LIVE) {
            return;
        }
        var missing = new ArrayList<String>();
        if (baseUrl == null || !StringUtils.hasText(baseUrl.getHost())) {
            missing.add("guichet.matomo.base-url (MATOMO_URL)");
        }
        if (!StringUtils.hasText(token)) {
            missing.add("guichet.matomo.token (MATOMO_TOKEN)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Matomo live mode needs settings; missing: " + String.join(", ", missing));
        }
    }

    /** What the client uses: these settings in live mode, the sandbox's own URL and token in sandbox mode. */
    public MatomoProperties effective() {
        return mode == ProviderMode.LIVE ? this
                : new MatomoProperties(mode, SANDBOX_BASE_URL, SANDBOX_TOKEN, connectTimeout, readTimeout);
    }

    /** The token is shown as set or missing, never printed. */
    @Override
    public String toString() {
        return "MatomoProperties[mode=" + mode + ", baseUrl=" + baseUrl
                + ", token=" + (StringUtils.hasText(token) ? "(set)" : "(missing)")
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + "]";
    }
}
