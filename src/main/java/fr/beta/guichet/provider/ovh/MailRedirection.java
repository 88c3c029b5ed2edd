package fr.beta.guichet.provider.ovh;

/**
 * A redirection of an MX Plan domain, as OVH's {@code email.domain.RedirectionGlobal}. Whether a local copy is
 * kept is not returned by OVH (terraform-provider-ovh's {@code resource_email_domain_redirection.go}).
 *
 * @param id   OVH's id, a string
 * @param from the redirected address, in the domain
 * @param to   where mail goes
 */
public record MailRedirection(String id, String from, String to) {
}
