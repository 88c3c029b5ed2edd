/**
 * Sentry requests: a person (by email) in a team of the incubator's Sentry organization, with the team role member
 * or admin; the team is created if it is missing, the person invited into the organization if they are not in it
 * yet, added to the team if they are. Executed by an admin of {@code ops-sentry}. Process {@code request-sentry}.
 */
package fr.beta.guichet.sentry;
