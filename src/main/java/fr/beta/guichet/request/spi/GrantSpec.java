package fr.beta.guichet.request.spi;

/**
 * The access a done request gave a person, as the access registry records it ({@link RequestType#grantOf}).
 *
 * @param beneficiaryEmail the person named on the form, as an email address; {@code null} when the form names none
 *                         (a Docker ID): the requester is then the beneficiary
 * @param kind             the kind of access, which says how it is revoked: {@code mailbox}, {@code redirection},
 *                         {@code matomo}, {@code dockerhub}, {@code sentry}
 * @param resource         what it is, in French, for the pages: {@code alice@beta.gouv.fr → perso@example.org}
 * @param providerId       how the provider names it, space-separated fields per kind (see the revokers)
 * @param level            the access level ({@code view}, {@code member}…), {@code -} when the kind has none
 */
public record GrantSpec(String beneficiaryEmail, String kind, String resource, String providerId, String level) {
}
