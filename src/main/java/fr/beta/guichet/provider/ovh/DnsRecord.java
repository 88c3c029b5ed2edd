package fr.beta.guichet.provider.ovh;

import java.util.Locale;

/**
 * One record of a DNS zone, as OVH's {@code domain.zone.Record}.
 *
 * @param id        OVH's record id
 * @param zone      the zone, e.g. {@code beta.gouv.fr}
 * @param subDomain the name inside the zone, empty for the zone apex
 * @param fieldType the record type
 * @param target    the record data, e.g. {@code x.osc-fr1.scalingo.io.} for a CNAME
 * @param ttl       in seconds, 0 meaning the zone's default
 */
public record DnsRecord(long id, String zone, String subDomain, DnsRecordType fieldType, String target, int ttl) {

    public DnsRecord {
        subDomain = subDomain == null ? "" : subDomain;
    }

    /**
     * Whether this record already is what {@code other} asks for, so that creating {@code other} again is not
     * needed (idempotent execution).
     * <ul>
     *   <li>Zone and sub-domain are compared as DNS names: ignoring case and a trailing dot.</li>
     *   <li>The type must be equal.</li>
     *   <li>For name or address targets (CNAME, A, MX…) the target is compared the same way, so
     *   {@code X.example.org.} and {@code x.example.org} are the same. For text targets (TXT, SPF, DKIM, DMARC)
     *   case matters (verification tokens, keys); only the double quotes OVH may put around them are ignored.</li>
     *   <li>The id and the TTL are ignored: a record pointing where asked is done, whatever its cache lifetime.</li>
     * </ul>
     */
    public boolean sameAs(DnsRecord other) {
        return fieldType == other.fieldType
                && sameName(zone, other.zone)
                && sameName(subDomain, other.subDomain)
                && (fieldType.isText() ? unquoted(target).equals(unquoted(other.target))
                        : sameName(target, other.target));
    }

    private static boolean sameName(String a, String b) {
        return normalizedName(a).equals(normalizedName(b));
    }

    private static String normalizedName(String name) {
        String trimmed = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    private static String unquoted(String text) {
        String trimmed = text == null ? "" : text.trim();
        boolean quoted = trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"");
        return quoted ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
    }
}
