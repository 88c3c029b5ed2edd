package fr.beta.guichet.provider.sentry;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

import fr.beta.guichet.provider.ProviderMode;

/**
 * Sentry settings ({@code guichet.sentry.*}). The token comes from the environment ({@code SENTRY_TOKEN}); it is
 * only required in {@link ProviderMode#LIVE} mode, checked by {@link #requireLiveCredentials()}, and never printed.
 * In sandbox mode the client talks to {@link SentryFakeApi} with a base URL and a token of its own
 * ({@link #effective()}), whatever the environment says.
 *
 * @param mode            {@code sandbox} (default) or {@code live} ({@code SENTRY_MODE})
 * @param baseUrl         Sentry root, default {@code https://sentry.io} ({@code SENTRY_URL}), or a self-hosted one;
 *                        the API is under {@code {baseUrl}/api/0/}
 * @param organization    the organization slug whose teams are managed ({@code SENTRY_ORGANIZATION})
 * @param token           an organization auth token or an internal integration's token with {@code member:write},
 *                        {@code team:write} and {@code org:read} ({@code SENTRY_TOKEN}); never printed
 * @param sandboxPageSize page size of the sandbox fake (Sentry's is 100); tests lower it to exercise pagination
 * @param connectTimeout  default 5 s
 * @param readTimeout     default 30 s, well below the job lock time
 */
@Validated
@ConfigurationProperties("guichet.sentry")
public record SentryProperties(
        ProviderMode mode,
        URI baseUrl,
        String organization,
        String token,
        @Min(1) @Max(100) Integer sandboxPageSize,
        @DurationMin(millis = 1) Duration connectTimeout,
        @DurationMin(millis = 1) Duration readTimeout) {

    public static final URI DEFAULT_BASE_URL = URI.create("https://sentry.io");
    /** Where the client sends its calls in sandbox mode: answered in process by {@link SentryFakeApi}. */
    public static final URI SANDBOX_BASE_URL = URI.create("https://sentry.sandbox.invalid");
    /** The token of sandbox mode, the only one {@link SentryFakeApi} accepts there. Not a secret. */
    public static final String SANDBOX_TOKEN = "sandbox-sentry-token";
    public static final String DEFAULT_ORGANIZATION = "betagouv";
    public static final int SENTRY_PAGE_SIZE = 100;

    public SentryProperties {
        mode = mode == null ? ProviderMode.SANDBOX : mode;
        baseUrl = baseUrl == null || !StringUtils.hasText(baseUrl.toString()) ? DEFAULT_BASE_URL : baseUrl;
        sandboxPageSize = sandboxPageSize == null ? SENTRY_PAGE_SIZE : sandboxPageSize;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(30) : readTimeout;
    }

    /**
     * The settings the client uses: as configured in live mode (checked first); in sandbox mode the sandbox's own
     * base URL and token, and the configured organization (or {@value #DEFAULT_ORGANIZATION}).
     */
    public SentryProperties effective() {
        if (mode == ProviderMode.LIVE) {
            requireLiveCredentials();
            return this;
        }
        String org = StringUtils.hasText(organization) ? organization : DEFAULT_ORGANIZATION;
        return new SentryProperties(mode, SANDBOX_BASE_URL, org, SANDBOX_TOKEN, sandboxPageSize, connectTimeout,
                readTimeout);
    }

    /**
     * Fails when, in live mode, a setting is missing or blank, naming the missing properties and variables (never
     * their values). Called when the client is created, so that a misconfigured deployment does not start.
     */
    public void requireLiveCredentials() {
        if (mode != ProviderMode.LIVE) {
            return;
        }
        var missing = new ArrayList<String>();
        if (!StringUtils.hasText(baseUrl.getHost())) {
            missing.add("guichet.sentry.base-url (SENTRY_URL)");
        }
        if (!StringUtils.hasText(organization)) {
            missing.add("guichet.sentry.organization (SENTRY_ORGANIZATION)");
        }
        if (!StringUtils.hasText(token)) {
            missing.add("guichet.sentry.token (SENTRY_TOKEN)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Sentry live mode needs settings; missing: " + String.join(", ", missing));
        }
    }

    /** The token is shown as set or missing, never printed. */
    @Override
    public String toString() {
        return "SentryProperties[mode=" + mode + ", baseUrl=" + baseUrl + ", organization=" + organization
                + ", token=" + (StringUtils.hasText(token) ? "(set)" : "(missing)")
                + ", sandboxPageSize=" + sandboxPageSize
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + "]";
    }
}
