package fr.beta.guichet.provider.dimail;

/**
 * One alias of {@code GET /domains/{domain}/aliases}: mail to {@code userName@domain} goes to {@code destination}.
 *
 * @param userName    the local part
 * @param domain      the domain
 * @param destination where mail goes
 * @param allowToSend whether the destination may send as the alias
 */
public record DimailAlias(String userName, String domain, String destination, boolean allowToSend) {
}
