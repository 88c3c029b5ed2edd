package fr.beta.guichet.provider.matomo;

/**
 * A website of the Matomo sandbox.
 *
 * @param id   Matomo's {@code idsite}
 * @param name site name shown in Matomo
 * @param url  the main URL, as given
 */
public record MatomoSite(int id, String name, String url) {
}
