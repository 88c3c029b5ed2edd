/**
 * Subdomain requests: a DNS record {@code <label>.beta.gouv.fr} (A, AAAA, CNAME, TXT, MX) created in the OVH DNS
 * zone by an admin of {@code ops-ovh}, then the zone is refreshed. Process {@code request-subdomain}.
 */
package fr.beta.guichet.subdomain;
