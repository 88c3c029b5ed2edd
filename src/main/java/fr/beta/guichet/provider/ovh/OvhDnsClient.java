package fr.beta.guichet.provider.ovh;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.util.UriUtils;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import fr.beta.guichet.provider.ProviderUnavailableException;

/** {@link DnsZoneClient} on the live OVH API ({@code /domain/zone/{zone}/…}). */
public class OvhDnsClient implements DnsZoneClient {

    private final OvhApi api;

    public OvhDnsClient(OvhApi api) {
        this.api = api;
    }

    /**
     * {@code GET …/record?fieldType=&subDomain=} gives ids, then each record is read. A record deleted between the
     * two calls is skipped. The answer is filtered again on name and type, in case OVH treats an empty
     * {@code subDomain} filter as "any name" (unverified).
     */
    @Override
    public List<DnsRecord> findRecords(String zone, String subDomain, DnsRecordType typeOrNull) {
        String name = subDomain == null ? "" : subDomain;
        var filters = new LinkedHashMap<String, String>();
        if (typeOrNull != null) {
            filters.put("fieldType", typeOrNull.name());
        }
        filters.put("subDomain", name);
        JsonNode ids = api.get(recordsPath(zone), filters);
        if (!ids.isArray()) {
            throw unreadable(zone, "record id list");
        }
        var records = new ArrayList<DnsRecord>();
        for (JsonNode id : ids) {
            if (!id.canConvertToLong()) {
                throw unreadable(zone, "record id " + id);
            }
            api.find(recordsPath(zone) + "/" + id.asLong(), Map.of())
                    .map(node -> toRecord(zone, node))
                    .filter(found -> found.subDomain().equalsIgnoreCase(name))
                    .filter(found -> typeOrNull == null || found.fieldType() == typeOrNull)
                    .ifPresent(records::add);
        }
        records.sort(Comparator.comparingLong(DnsRecord::id));
        return records;
    }

    /**
     * {@code GET …/record?subDomain=%.<name>}: OVH documents its {@code subDomain} filter as "like" (SQL-style,
     * {@code %} any text) in its API console; <b>unverified</b> live, so the answer is filtered again on the suffix.
     * If OVH compared exactly instead, nothing would be found and the delegation check would miss records below the
     * name (the executor still sees the zone).
     */
    @Override
    public List<DnsRecord> findRecordsBelow(String zone, String subDomain) {
        String suffix = "." + subDomain.toLowerCase(java.util.Locale.ROOT);
        JsonNode ids = api.get(recordsPath(zone), Map.of("subDomain", "%" + suffix));
        if (!ids.isArray()) {
            throw unreadable(zone, "record id list");
        }
        var records = new ArrayList<DnsRecord>();
        for (JsonNode id : ids) {
            if (!id.canConvertToLong()) {
                throw unreadable(zone, "record id " + id);
            }
            api.find(recordsPath(zone) + "/" + id.asLong(), Map.of())
                    .map(node -> toRecord(zone, node))
                    .filter(found -> found.subDomain().toLowerCase(java.util.Locale.ROOT).endsWith(suffix))
                    .ifPresent(records::add);
        }
        records.sort(Comparator.comparingLong(DnsRecord::id));
        return records;
    }

    /**
     * {@code POST …/record}. OVH sometimes answers with {@code id=0} (terraform-provider-ovh's
     * {@code resource_domain_zone_record.go}): the record is then looked up with the same filters and the highest
     * id among those matching the request is kept.
     */
    @Override
    public DnsRecord createRecord(String zone, String subDomain, DnsRecordType type, String target, int ttl) {
        JsonNode body = JsonNodeFactory.instance.objectNode()
                .put("fieldType", type.name())
                .put("subDomain", subDomain == null ? "" : subDomain)
                .put("target", target)
                .put("ttl", ttl);
        DnsRecord created = toRecord(zone, api.post(recordsPath(zone), body));
        if (created.id() != 0) {
            return created;
        }
        var requested = new DnsRecord(0, zone, subDomain, type, target, ttl);
        return findRecords(zone, subDomain, type).stream()
                .filter(requested::sameAs)
                .max(Comparator.comparingLong(DnsRecord::id))
                .orElseThrow(() -> new ProviderUnavailableException(OvhApi.PROVIDER,
                        "record created in " + zone + " with id 0 and not found afterwards"));
    }

    /** {@code POST /domain/zone/{zone}/refresh}, no body; OVH answers {@code null}. */
    @Override
    public void refreshZone(String zone) {
        api.post(zonePath(zone) + "/refresh", null);
    }

    private static String zonePath(String zone) {
        return "/domain/zone/" + UriUtils.encodePathSegment(zone, StandardCharsets.UTF_8);
    }

    private static String recordsPath(String zone) {
        return zonePath(zone) + "/record";
    }

    private static DnsRecord toRecord(String zone, JsonNode node) {
        if (!node.path("id").canConvertToLong() || !node.path("fieldType").isTextual()
                || !node.path("target").isTextual()) {
            throw unreadable(zone, "record");
        }
        DnsRecordType type;
        try {
            type = DnsRecordType.valueOf(node.get("fieldType").asText());
        } catch (IllegalArgumentException e) {
            throw unreadable(zone, "record type " + node.get("fieldType").asText());
        }
        return new DnsRecord(node.get("id").asLong(), node.path("zone").asText(zone),
                node.path("subDomain").asText(""), type, node.get("target").asText(), node.path("ttl").asInt(0));
    }

    private static ProviderUnavailableException unreadable(String zone, String what) {
        return new ProviderUnavailableException(OvhApi.PROVIDER, "unreadable " + what + " in zone " + zone);
    }
}
