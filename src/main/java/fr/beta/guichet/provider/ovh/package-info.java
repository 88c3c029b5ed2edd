/**
 * OVH, for DNS records of the zones beta.gouv.fr holds there (request type {@code request-subdomain}).
 * <ul>
 *   <li>{@link fr.beta.guichet.provider.ovh.DnsZoneClient} is the port the delegates use, with
 *   {@link fr.beta.guichet.provider.ovh.DnsRecord} and {@link fr.beta.guichet.provider.ovh.DnsRecordType}.</li>
 *   <li>Live mode: {@link fr.beta.guichet.provider.ovh.OvhDnsClient} over
 *   {@link fr.beta.guichet.provider.ovh.OvhApi}, which signs every call
 *   ({@link fr.beta.guichet.provider.ovh.OvhSignature}) and maps OVH errors to the two provider failures.</li>
 *   <li>Sandbox mode (default): {@link fr.beta.guichet.provider.ovh.SandboxDnsZone}, an in-memory zone that
 *   refuses what OVH refuses and records its writes for the "Bac à sable" page.</li>
 * </ul>
 * Settings and credentials: {@link fr.beta.guichet.provider.ovh.OvhProperties} ({@code guichet.ovh.*}); the mode
 * switch: {@code OvhConfiguration}.
 */
package fr.beta.guichet.provider.ovh;
