package fr.beta.guichet.dnsdelegation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import fr.beta.guichet.provider.ProviderRejectedException;
import fr.beta.guichet.provider.ProviderUnavailableException;
import fr.beta.guichet.provider.ovh.DnsRecord;
import fr.beta.guichet.provider.ovh.DnsRecordType;
import fr.beta.guichet.provider.ovh.DnsZoneClient;
import fr.beta.guichet.provider.ovh.OvhDomains;
import fr.beta.guichet.request.spi.Execution;
import fr.beta.guichet.request.spi.RequestType;

/**
 * Delegates {@code <label>.<zone>} to the startup's name servers: NS records (and DS records for DNSSEC) at that name
 * in the zone of the subdomains ({@code guichet.ovh.dns-zone}). The set is executed as a whole and idempotently:
 * every record already there as asked counts as done, a missing one is added (a retried job completes a partial
 * set, never duplicates), anything else at that name is a conflict for the executor; then one zone refresh.
 */
@Component
class DnsDelegationRequestType implements RequestType<DnsDelegationRequest> {

    private static final Logger log = LoggerFactory.getLogger(DnsDelegationRequestType.class);
    private static final int TTL = 3600;

    private final DnsZoneClient dns;
    private final OvhDomains zone;

    DnsDelegationRequestType(DnsZoneClient dns, OvhDomains zone) {
        this.dns = dns;
        this.zone = zone;
    }

    @Override
    public String processKey() {
        return DnsDelegationProcess.KEY;
    }

    @Override
    public String name() {
        return "Demande de délégation DNS";
    }

    @Override
    public String referencePrefix() {
        return DnsDelegationProcess.REFERENCE_PREFIX;
    }

    @Override
    public String resourceGroup() {
        return DnsDelegationProcess.RESOURCE_GROUP;
    }

    @Override
    public Class<DnsDelegationRequest> requestClass() {
        return DnsDelegationRequest.class;
    }

    @Override
    public String formPath() {
        return "/demandes/delegation-dns";
    }

    @Override
    public DnsDelegationRequest blankForm() {
        return DnsDelegationRequest.blank();
    }

    @Override
    public Map<String, Object> formModel() {
        return Map.of("zone", zone.dnsZone());
    }

    @Override
    public String describe(DnsDelegationRequest request) {
        int ds = request.dsLines().size();
        return "Délégation de %s vers %s%s pour %s".formatted(fqdn(request),
                String.join(", ", request.nameServerList()), ds == 0 ? "" : " (%d DS)".formatted(ds),
                request.startup());
    }

    /** The label is free: no record at that name, and none below it. */
    @Override
    public Optional<CheckFailure> check(DnsDelegationRequest request) {
        List<DnsRecord> at = dns.findRecords(zone.dnsZone(), request.label(), null);
        if (!at.isEmpty()) {
            return Optional.of(new CheckFailure("label",
                    "Le nom « %s » est déjà utilisé (%s).".formatted(fqdn(request), summary(at))));
        }
        List<DnsRecord> below = dns.findRecordsBelow(zone.dnsZone(), request.label());
        if (!below.isEmpty()) {
            return Optional.of(new CheckFailure("label", "Des enregistrements existent déjà sous « %s » (%s)."
                    .formatted(fqdn(request), summary(below))));
        }
        return Optional.empty();
    }

    @Override
    public Execution execute(DnsDelegationRequest request, String reference) {
        String zoneName = zone.dnsZone();
        List<DnsRecord> asked = asked(request);
        List<DnsRecord> existing = dns.findRecords(zoneName, request.label(), null);
        List<DnsRecord> others = existing.stream().filter(r -> asked.stream().noneMatch(r::sameAs)).toList();
        if (!others.isEmpty()) {
            throw new ProviderRejectedException("ovh", "Le nom %s porte déjà d'autres enregistrements : %s"
                    .formatted(fqdn(request), summary(others)));
        }
        int added = 0;
        for (DnsRecord record : asked) {
            if (existing.stream().noneMatch(record::sameAs)) {
                dns.createRecord(zoneName, record.subDomain(), record.fieldType(), record.target(), record.ttl());
                added++;
            }
        }
        refresh(zoneName);
        return Execution.ready("Délégation de %s vers %s en place dans la zone %s (%d enregistrement(s) ajouté(s), %d déjà là)."
                .formatted(fqdn(request), String.join(", ", request.nameServerList()), zoneName, added,
                        asked.size() - added));
    }

    /** The NS records (targets with their final dot), then the DS records, at the delegated name. */
    private List<DnsRecord> asked(DnsDelegationRequest request) {
        var records = new ArrayList<DnsRecord>();
        for (String host : request.nameServerList()) {
            records.add(new DnsRecord(0, zone.dnsZone(), request.label(), DnsRecordType.NS, host + ".", TTL));
        }
        for (DsRecord ds : request.dsRecordList()) {
            records.add(new DnsRecord(0, zone.dnsZone(), request.label(), DnsRecordType.DS, ds.target(), TTL));
        }
        return records;
    }

    /** OVH applies records on refresh; a failed refresh is retried by OVH's next refresh, so it only warns. */
    private void refresh(String zoneName) {
        try {
            dns.refreshZone(zoneName);
        } catch (ProviderUnavailableException e) {
            log.warn("Zone {} changed but not refreshed: {}", zoneName, e.getMessage());
        }
    }

    private String fqdn(DnsDelegationRequest request) {
        return request.label() + "." + zone.dnsZone();
    }

    private static String summary(List<DnsRecord> records) {
        return String.join(", ", records.stream()
                .map(r -> (r.subDomain().isEmpty() ? "" : r.subDomain() + " ") + r.fieldType() + " → " + r.target())
                .toList());
    }
}
