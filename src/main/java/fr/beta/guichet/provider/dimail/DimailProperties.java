package fr.beta.guichet.provider.dimail;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

import fr.beta.guichet.provider.ProviderMode;

/**
 * Dimail settings ({@code guichet.dimail.*}). The service account's credentials come from the environment
 * ({@code DIMAIL_USER}, {@code DIMAIL_PASSWORD}); they are only required in {@link ProviderMode#LIVE} mode, checked by
 * {@link #requireLiveCredentials()}, and never printed. In sandbox mode the client talks to the fake with a URL and
 * credentials of its own ({@link #effective()}).
 *
 * @param mode                {@code sandbox} (default) or {@code live} ({@code DIMAIL_MODE})
 * @param url                 the API root ({@code DIMAIL_URL}), e.g. {@code https://api.ox.numerique.gouv.fr}
 * @param user                the service account ({@code DIMAIL_USER}), exchanged for a token at {@code GET /token/}
 * @param password            its password ({@code DIMAIL_PASSWORD}); never printed
 * @param deletionGrace       how long a suspended mailbox of a departed person is kept before it is deleted
 *                            (default {@code P30D}: mail stays recoverable by an admin meanwhile)
 * @param deletionSweep       how often due deletions are looked for (default {@code PT15M})
 * @param connectTimeout      default 5 s
 * @param readTimeout         default 30 s, well below the job lock time
 * @param sandboxDelay        sandbox mode only: how long a new mailbox stays in Dimail's {@code wait} state (default 10 s)
 * @param sandboxTokenLifetime sandbox mode only: how long the fake's tokens live (default 10 min)
 */
@ConfigurationProperties("guichet.dimail")
public record DimailProperties(
        ProviderMode mode,
        URI url,
        String user,
        String password,
        Duration deletionGrace,
        Duration deletionSweep,
        Duration connectTimeout,
        Duration readTimeout,
        Duration sandboxDelay,
        Duration sandboxTokenLifetime) {

    /** Where the client sends its calls in sandbox mode: answered in process by the fake. */
    public static final URI SANDBOX_URL = URI.create("https://dimail.sandbox.invalid");
    /** The sandbox's service account, the only one the fake accepts there. Not a secret. */
    public static final String SANDBOX_USER = "guichet-sandbox";
    public static final String SANDBOX_PASSWORD = "sandbox-dimail-password";

    public DimailProperties {
        mode = mode == null ? ProviderMode.SANDBOX : mode;
        deletionGrace = deletionGrace == null ? Duration.ofDays(30) : deletionGrace;
        deletionSweep = deletionSweep == null ? Duration.ofMinutes(15) : deletionSweep;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(30) : readTimeout;
        sandboxDelay = sandboxDelay == null ? Duration.ofSeconds(10) : sandboxDelay;
        sandboxTokenLifetime = sandboxTokenLifetime == null ? Duration.ofMinutes(10) : sandboxTokenLifetime;
        if (deletionGrace.isNegative()) {
            throw new IllegalArgumentException("guichet.dimail.deletion-grace must not be negative");
        }
    }

    /** As configured in live mode (checked first); the sandbox's own URL and account otherwise. */
    public DimailProperties effective() {
        if (mode == ProviderMode.LIVE) {
            requireLiveCredentials();
            return this;
        }
        return new DimailProperties(mode, SANDBOX_URL, SANDBOX_USER, SANDBOX_PASSWORD, deletionGrace, deletionSweep,
                connectTimeout, readTimeout, sandboxDelay, sandboxTokenLifetime);
    }

    /** Fails when, in live mode, a setting is missing, naming the properties and variables (never their values). */
    public void requireLiveCredentials() {
        if (mode != ProviderMode.LIVE) {
            return;
        }
        var missing = new ArrayList<String>();
        if (url == null || !StringUtils.hasText(url.getHost())) {
            missing.add("guichet.dimail.url (DIMAIL_URL)");
        }
        if (!StringUtils.hasText(user)) {
            missing.add("guichet.dimail.user (DIMAIL_USER)");
        }
        if (!StringUtils.hasText(password)) {
            missing.add("guichet.dimail.password (DIMAIL_PASSWORD)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Dimail live mode needs settings; missing: " + String.join(", ", missing));
        }
    }

    /** The password is shown as set or missing, never printed. */
    @Override
    public String toString() {
        return "DimailProperties[mode=" + mode + ", url=" + url + ", user=" + user + ", password="
                + (StringUtils.hasText(password) ? "(set)" : "(missing)") + ", deletionGrace=" + deletionGrace
                + ", deletionSweep=" + deletionSweep + ", connectTimeout=" + connectTimeout + ", readTimeout="
                + readTimeout + ", sandboxDelay=" + sandboxDelay + ", sandboxTokenLifetime=" + sandboxTokenLifetime + "]";
    }
}
