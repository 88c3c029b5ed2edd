/**
 * DNS delegation requests: {@code <label>.beta.gouv.fr} delegated to a startup's own name servers (2 to 8 NS
 * records, optional DS records for DNSSEC) in the OVH zone, by an admin of {@code ops-ovh}, then the zone is
 * refreshed. Process {@code request-dns-delegation}.
 */
package fr.beta.guichet.dnsdelegation;
