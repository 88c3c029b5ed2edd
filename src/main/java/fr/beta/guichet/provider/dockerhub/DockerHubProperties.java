package fr.beta.guichet.provider.dockerhub;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

import fr.beta.guichet.provider.ProviderMode;

/**
 * Docker Hub settings ({@code guichet.dockerhub.*}). The secret comes from the environment; it is only required in
 * {@link ProviderMode#LIVE} mode, checked by {@link #requireLiveCredentials()}, and never printed. In sandbox mode
 * the client talks to {@link DockerHubFakeApi} with credentials of its own ({@link #effective()}).
 *
 * @param mode           {@code sandbox} (default) or {@code live}
 * @param baseUrl        API root, default {@code https://hub.docker.com}
 * @param organization   the Docker Hub organization whose teams are managed, e.g. {@code betagouv}
 * @param identifier     account the token is asked for: a username with a personal access token (PAT), the
 *                       organization name with an organization access token (OAT)
 * @param secret         the PAT ({@code dckr_pat_…}) or OAT ({@code dckr_oat_…}); never printed
 * @param connectTimeout default 5 s
 * @param readTimeout    default 20 s, well below the job lock time
 */
@Validated
@ConfigurationProperties("guichet.dockerhub")
public record DockerHubProperties(
        ProviderMode mode,
        URI baseUrl,
        String organization,
        String identifier,
        String secret,
        @DurationMin(millis = 1) Duration connectTimeout,
        @DurationMin(millis = 1) Duration readTimeout) {

    public static final URI DEFAULT_BASE_URL = URI.create("https://hub.docker.com");
    /** Where the sandbox Docker Hub answers (in process: nothing is resolved or connected). */
    public static final URI SANDBOX_BASE_URL = URI.create("https://hub.docker.sandbox.invalid");
    /** The account and access token the sandbox Docker Hub accepts; not secrets. */
    public static final String SANDBOX_IDENTIFIER = "guichet-sandbox";
    public static final String SANDBOX_SECRET = "dckr_pat_sandbox";

    public DockerHubProperties {
        mode = mode == null ? ProviderMode.SANDBOX : mode;
        baseUrl = baseUrl == null ? DEFAULT_BASE_URL : baseUrl;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(20) : readTimeout;
    }

    /**
     * Fails when, in live mode, a setting is missing or blank, naming the missing properties (never their values).
     * Called when the live client is created, so that a misconfigured deployment does not start.
     */
    public void requireLiveCredentials() {
        if (mode != ProviderMode.LIVE) {
            return;
        }
        var missing = new ArrayList<String>();
        if (!StringUtils.hasText(organization)) {
            missing.add("guichet.dockerhub.organization (DOCKERHUB_ORGANIZATION)");
        }
        if (!StringUtils.hasText(identifier)) {
            missing.add("guichet.dockerhub.identifier (DOCKERHUB_IDENTIFIER)");
        }
        if (!StringUtils.hasText(secret)) {
            missing.add("guichet.dockerhub.secret (DOCKERHUB_TOKEN)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(
                    "Docker Hub live mode needs credentials; missing: " + String.join(", ", missing));
        }
    }

    /**
     * What the client uses: these settings in live mode; in sandbox mode the sandbox's own base URL, identifier and
     * token, with the configured organization (required in both modes).
     */
    public DockerHubProperties effective() {
        if (mode == ProviderMode.LIVE) {
            return this;
        }
        if (!StringUtils.hasText(organization)) {
            throw new IllegalStateException("Docker Hub needs an organization; missing: "
                    + "guichet.dockerhub.organization (DOCKERHUB_ORGANIZATION)");
        }
        return new DockerHubProperties(mode, SANDBOX_BASE_URL, organization, SANDBOX_IDENTIFIER, SANDBOX_SECRET,
                connectTimeout, readTimeout);
    }

    /** The secret is shown as set or missing, never printed. */
    @Override
    public String toString() {
        return "DockerHubProperties[mode=" + mode + ", baseUrl=" + baseUrl + ", organization=" + organization
                + ", identifier=" + identifier
                + ", secret=" + (StringUtils.hasText(secret) ? "(set)" : "(missing)")
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + "]";
    }
}
