package fr.beta.guichet.provider.ovh;

import java.util.List;

import fr.beta.guichet.provider.ProviderRejectedException;
import fr.beta.guichet.provider.ProviderUnavailableException;

/**
 * A DNS zone hosted at OVH: {@link OvhDnsClient}, whose transport reaches OVH in live mode and {@link OvhFakeApi} in
 * sandbox mode.
 * <p>
 * Every method throws {@link ProviderRejectedException} when OVH refuses the request as asked (unknown zone, a
 * CNAME conflict, an invalid target…) and {@link ProviderUnavailableException} on technical failures.
 */
public interface DnsZoneClient {

    /**
     * Records of {@code zone} named {@code subDomain} (empty for the apex), of the given type or of every type
     * when {@code typeOrNull} is {@code null}, ordered by id.
     */
    List<DnsRecord> findRecords(String zone, String subDomain, DnsRecordType typeOrNull);

    /**
     * Records of {@code zone} below {@code subDomain}: named {@code <anything>.<subDomain>} (not {@code subDomain}
     * itself), of every type, ordered by id.
     */
    List<DnsRecord> findRecordsBelow(String zone, String subDomain);

    /**
     * Adds a record and returns it with its id. Not idempotent: callers check with {@link #findRecords} and
     * {@link DnsRecord#sameAs} first. The record is served only after {@link #refreshZone}.
     *
     * @param ttl in seconds, 0 for the zone's default
     */
    DnsRecord createRecord(String zone, String subDomain, DnsRecordType type, String target, int ttl);

    /** Publishes the zone's pending changes. */
    void refreshZone(String zone);
}
