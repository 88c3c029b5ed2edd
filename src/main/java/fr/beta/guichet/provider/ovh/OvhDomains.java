package fr.beta.guichet.provider.ovh;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What Guichet Ops manages at OVH ({@code guichet.ovh.*}): the DNS zone where subdomains and delegations are
 * created, and the email domain of the mailboxes and redirections. The sandbox's fake hosts exactly these.
 *
 * @param dnsZone    default {@code beta.gouv.fr} ({@code GUICHET_DNS_ZONE})
 * @param mailDomain default {@code beta.gouv.fr} ({@code GUICHET_MAIL_DOMAIN})
 */
@ConfigurationProperties("guichet.ovh")
public record OvhDomains(String dnsZone, String mailDomain) {

    public static final String DEFAULT = "beta.gouv.fr";

    public OvhDomains {
        dnsZone = dnsZone == null || dnsZone.isBlank() ? DEFAULT : dnsZone;
        mailDomain = mailDomain == null || mailDomain.isBlank() ? DEFAULT : mailDomain;
    }
}
