package fr.beta.guichet.subdomain;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import fr.beta.guichet.provider.ProviderRejectedException;
import fr.beta.guichet.provider.ProviderUnavailableException;
import fr.beta.guichet.provider.ovh.DnsRecord;
import fr.beta.guichet.provider.ovh.DnsZoneClient;
import fr.beta.guichet.provider.ovh.OvhDomains;
import fr.beta.guichet.request.spi.Execution;
import fr.beta.guichet.request.spi.RequestType;

/**
 * Checks and creates a DNS record in the zone. Idempotent: a record that already exists exactly as requested
 * counts as done (a retried job finds what the first attempt created); any other record at that name is a
 * conflict for the executor to resolve by hand.
 */
@Component
class SubdomainRequestType implements RequestType<SubdomainRequest> {

    private static final Logger log = LoggerFactory.getLogger(SubdomainRequestType.class);

    private final DnsZoneClient dns;
    private final OvhDomains properties;

    SubdomainRequestType(DnsZoneClient dns, OvhDomains properties) {
        this.dns = dns;
        this.properties = properties;
    }

    @Override
    public String processKey() {
        return SubdomainProcess.KEY;
    }

    @Override
    public String name() {
        return "Demande de sous-domaine";
    }

    @Override
    public String referencePrefix() {
        return SubdomainProcess.REFERENCE_PREFIX;
    }

    @Override
    public String resourceGroup() {
        return SubdomainProcess.RESOURCE_GROUP;
    }

    @Override
    public Class<SubdomainRequest> requestClass() {
        return SubdomainRequest.class;
    }

    @Override
    public String formPath() {
        return "/demandes/sous-domaine";
    }

    @Override
    public SubdomainRequest blankForm() {
        return SubdomainRequest.blank();
    }

    @Override
    public Map<String, Object> formModel() {
        return Map.of("zone", properties.dnsZone(), "recordTypes", SubdomainRecordType.values());
    }

    @Override
    public String describe(SubdomainRequest request) {
        return "%s %s → %s (TTL %d) pour %s".formatted(request.recordType(), fqdn(request), request.target(),
                request.ttl(), request.startup());
    }

    @Override
    public Optional<CheckFailure> check(SubdomainRequest request) {
        List<DnsRecord> existing = dns.findRecords(properties.dnsZone(), request.label(), null);
        if (existing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CheckFailure("label",
                "Le nom « %s » est déjà utilisé (%s).".formatted(fqdn(request), summary(existing))));
    }

    @Override
    public Execution execute(SubdomainRequest request, String reference) {
        String zone = properties.dnsZone();
        List<DnsRecord> existing = dns.findRecords(zone, request.label(), null);
        var wanted = request.recordType().toDns();
        var asked = new DnsRecord(0, zone, request.label(), wanted, request.target(), request.ttl());
        boolean alreadyThere = existing.stream().anyMatch(r -> r.sameAs(asked));
        if (!alreadyThere && !existing.isEmpty()) {
            throw new ProviderRejectedException("ovh", "Le nom %s porte déjà d'autres enregistrements : %s"
                    .formatted(fqdn(request), summary(existing)));
        }
        if (!alreadyThere) {
            dns.createRecord(zone, request.label(), wanted, request.target(), request.ttl());
        }
        refresh(zone);
        return Execution.ready("Enregistrement %s %s → %s en place dans la zone %s.".formatted(wanted,
                fqdn(request), request.target(), zone));
    }

    /** OVH applies records on refresh; a failed refresh is retried by OVH's next refresh, so it only warns. */
    private void refresh(String zone) {
        try {
            dns.refreshZone(zone);
        } catch (ProviderUnavailableException e) {
            log.warn("Zone {} created but not refreshed: {}", zone, e.getMessage());
        }
    }

    private String fqdn(SubdomainRequest request) {
        return request.label() + "." + properties.dnsZone();
    }

    private static String summary(List<DnsRecord> records) {
        return String.join(", ", records.stream().map(r -> r.fieldType() + " → " + r.target()).toList());
    }
}
