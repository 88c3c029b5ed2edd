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
 *   <li>Sandbox mode (default): the same clients, whose transport hands every request in process to
 *   {@link fr.beta.guichet.provider.ovh.OvhFakeApi}, a stateful fake of OVH's HTTP API (signature check, zones and
 *   domains from configuration, asynchronous email tasks) keeping its state in the database.</li>
 * </ul>
 * Settings and credentials: {@link fr.beta.guichet.provider.ovh.OvhProperties} ({@code guichet.ovh.*}); the mode
 * switch: {@code OvhConfiguration}.
 */
@org.springframework.modulith.NamedInterface("ovh")
package fr.beta.guichet.provider.ovh;
