/**
 * OVH, for DNS records of the zones beta.gouv.fr holds there (request type {@code request-subdomain}), and for the
 * mailboxes and redirections of its MX Plan email domains.
 * <ul>
 *   <li>{@link fr.beta.guichet.provider.ovh.DnsZoneClient} is the port the delegates use, with
 *   {@link fr.beta.guichet.provider.ovh.DnsRecord} and {@link fr.beta.guichet.provider.ovh.DnsRecordType}.</li>
 *   <li>{@link fr.beta.guichet.provider.ovh.EmailDomainClient} is the email port, with
 *   {@link fr.beta.guichet.provider.ovh.MailAccount}, {@link fr.beta.guichet.provider.ovh.MailRedirection} and
 *   {@link fr.beta.guichet.provider.ovh.EmailTask}: OVH email writes are asynchronous tasks.</li>
 *   <li>Live mode: {@link fr.beta.guichet.provider.ovh.OvhDnsClient} and
 *   {@link fr.beta.guichet.provider.ovh.OvhEmailClient} over {@link fr.beta.guichet.provider.ovh.OvhApi}, which
 *   signs every call ({@link fr.beta.guichet.provider.ovh.OvhSignature}) and maps OVH errors to the two provider
 *   failures.</li>
 *   <li>Sandbox mode (default): {@link fr.beta.guichet.provider.ovh.SandboxDnsZone}, an in-memory zone that
 *   refuses what OVH refuses and records its writes for the "Bac à sable" page, and
 *   {@link fr.beta.guichet.provider.ovh.SandboxEmailDomain}, an in-memory email domain that also runs its tasks
 *   only after a delay.</li>
 * </ul>
 * Settings and credentials: {@link fr.beta.guichet.provider.ovh.OvhProperties} ({@code guichet.ovh.*}); the mode
 * switch: {@code OvhConfiguration}.
 */
package fr.beta.guichet.provider.ovh;
