/**
 * Matomo requests: access (view, write or admin) for a person to the statistics of a site, the site being created
 * when its URL is not tracked yet; the person is invited by Matomo's own email, so no password exists here. Executed
 * by an admin of {@code ops-matomo}. Process {@code request-matomo}.
 */
package fr.beta.guichet.matomo;
