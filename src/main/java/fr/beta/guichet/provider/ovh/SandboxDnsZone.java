package fr.beta.guichet.provider.ovh;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import fr.beta.guichet.provider.ProviderRejectedException;

/**
 * {@link DnsZoneClient} of the sandbox mode: an in-memory OVH that answers like the live API, with the same
 * {@link ProviderRejectedException} shape ({@code "<status> <class>: <message>"}) for an unknown zone, a missing
 * target or a CNAME conflict, and incrementing ids. Zone {@value #ZONE} starts with a few existing records so
 * that a taken name can be shown. Every write is kept as a {@link SandboxOperation}. Thread-safe.
 * <p>
 * OVH's exact status and message for a CNAME conflict are not documented; 409 is the likely one (providers.md).
 * Like OVH, duplicate non-CNAME records are accepted.
 */
public class SandboxDnsZone implements DnsZoneClient {

    public static final String ZONE = "beta.gouv.fr";

    private final Clock clock;
    private final Map<String, List<DnsRecord>> zones = new HashMap<>();
    private final List<SandboxOperation> operations = new ArrayList<>();
    private long nextId = 5_000_000_001L;

    public SandboxDnsZone(Clock clock) {
        this.clock = clock;
        zones.put(ZONE, new ArrayList<>());
        seed("", DnsRecordType.NS, "dns10.ovh.net.");
        seed("", DnsRecordType.NS, "ns10.ovh.net.");
        seed("www", DnsRecordType.CNAME, "beta-gouv-fr.osc-fr1.scalingo.io.");
        seed("api", DnsRecordType.A, "192.0.2.10");
        seed("doc", DnsRecordType.CNAME, "betagouv.gitbook.io.");
        seed("_dmarc", DnsRecordType.TXT, "\"v=DMARC1; p=none\"");
    }

    public SandboxDnsZone() {
        this(Clock.systemUTC());
    }

    @Override
    public synchronized List<DnsRecord> findRecords(String zone, String subDomain, DnsRecordType typeOrNull) {
        return zone(zone).stream()
                .filter(r -> r.subDomain().equalsIgnoreCase(subDomain == null ? "" : subDomain))
                .filter(r -> typeOrNull == null || r.fieldType() == typeOrNull)
                .toList();
    }

    @Override
    public synchronized DnsRecord createRecord(String zone, String subDomain, DnsRecordType type, String target,
            int ttl) {
        List<DnsRecord> records = zone(zone);
        if (type == null || target == null || target.isBlank()) {
            throw rejected("400 Client::BadRequest: fieldType and target are required");
        }
        String name = subDomain == null ? "" : subDomain;
        List<DnsRecord> sameName = findRecords(zone, name, null);
        if (type == DnsRecordType.CNAME && !sameName.isEmpty()
                || sameName.stream().anyMatch(r -> r.fieldType() == DnsRecordType.CNAME)) {
            throw rejected("409 Client::Conflict: a CNAME record cannot coexist with other records on "
                    + fqdn(zone, name));
        }
        var record = new DnsRecord(nextId++, zone, name, type, target, ttl);
        records.add(record);
        record("create", type + " " + fqdn(zone, name) + " -> " + target + " (ttl " + ttl + ", id " + record.id()
                + ")");
        return record;
    }

    @Override
    public synchronized void refreshZone(String zone) {
        zone(zone);
        record("refresh", zone);
    }

    /** Every record of {@code zone}, ordered by id. */
    public synchronized List<DnsRecord> records(String zone) {
        return List.copyOf(zone(zone));
    }

    /** Writes done so far, oldest first; a read-only snapshot. */
    public synchronized List<SandboxOperation> operations() {
        return List.copyOf(operations);
    }

    private List<DnsRecord> zone(String zone) {
        List<DnsRecord> records = zone == null ? null : zones.get(zone.toLowerCase(Locale.ROOT));
        if (records == null) {
            throw rejected("404 Client::NotFound: This service does not exist");
        }
        return records;
    }

    private void seed(String subDomain, DnsRecordType type, String target) {
        zones.get(ZONE).add(new DnsRecord(nextId++, ZONE, subDomain, type, target, 3600));
    }

    private void record(String operation, String details) {
        operations.add(new SandboxOperation(clock.instant(), operation, details));
    }

    private static String fqdn(String zone, String subDomain) {
        return subDomain.isEmpty() ? zone : subDomain + "." + zone;
    }

    private static ProviderRejectedException rejected(String message) {
        return new ProviderRejectedException(OvhApi.PROVIDER, message);
    }
}
