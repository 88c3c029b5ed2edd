package fr.beta.guichet.mailbox;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The OVH email domain where mailboxes and redirections are created. */
@Validated
@ConfigurationProperties("guichet.mailbox")
public record MailboxProperties(@NotBlank String domain) {

    public MailboxProperties {
        domain = domain == null || domain.isBlank() ? "beta.gouv.fr" : domain;
    }
}
