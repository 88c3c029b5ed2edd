package fr.beta.guichet.provider.mail;

import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which service holds the mailboxes and redirections, and of which domain ({@code guichet.mailboxes.*}).
 *
 * @param provider {@code dimail} (default: beta.gouv.fr's mail moved from OVH's MX Plan to Dimail in 2026) or
 *                 {@code ovh} ({@code GUICHET_MAIL_PROVIDER})
 * @param domain   the mail domain, default {@code beta.gouv.fr} ({@code GUICHET_MAIL_DOMAIN}); the sandbox fakes of
 *                 both providers host it
 */
@ConfigurationProperties("guichet.mailboxes")
public record MailSettings(Provider provider, String domain) {

    public static final String DEFAULT_DOMAIN = "beta.gouv.fr";

    public enum Provider {
        DIMAIL, OVH
    }

    public MailSettings {
        provider = provider == null ? Provider.DIMAIL : provider;
        domain = domain == null || domain.isBlank() ? DEFAULT_DOMAIN : domain.trim().toLowerCase(Locale.ROOT);
    }
}
