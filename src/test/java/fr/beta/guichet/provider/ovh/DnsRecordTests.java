package fr.beta.guichet.provider.ovh;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DnsRecordTests {

    private static DnsRecord record(String subDomain, DnsRecordType type, String target, int ttl) {
        return new DnsRecord(0, "beta.gouv.fr", subDomain, type, target, ttl);
    }

    @Test
    void namesAndTargetsCompareAsDnsNamesIgnoringIdAndTtl() {
        var existing = new DnsRecord(42, "beta.gouv.fr.", "MonSite", DnsRecordType.CNAME, "X.osc-fr1.scalingo.io.",
                60);

        assertThat(existing.sameAs(record("monsite", DnsRecordType.CNAME, "x.osc-fr1.scalingo.io", 3600))).isTrue();
    }

    @Test
    void differentTypeNameOrTargetIsNotTheSame() {
        var existing = record("monsite", DnsRecordType.CNAME, "x.example.org.", 0);

        assertThat(existing.sameAs(record("monsite", DnsRecordType.A, "x.example.org.", 0))).isFalse();
        assertThat(existing.sameAs(record("autre", DnsRecordType.CNAME, "x.example.org.", 0))).isFalse();
        assertThat(existing.sameAs(record("monsite", DnsRecordType.CNAME, "y.example.org.", 0))).isFalse();
        assertThat(existing.sameAs(new DnsRecord(0, "example.org", "monsite", DnsRecordType.CNAME, "x.example.org.",
                0))).isFalse();
    }

    @Test
    void textTargetsAreCaseSensitiveButIgnoreOvhQuotes() {
        var existing = record("_acme", DnsRecordType.TXT, "\"Token-AbC\"", 0);

        assertThat(existing.sameAs(record("_acme", DnsRecordType.TXT, "Token-AbC", 0))).isTrue();
        assertThat(existing.sameAs(record("_acme", DnsRecordType.TXT, "token-abc", 0))).isFalse();
    }

    @Test
    void missingSubDomainMeansApex() {
        assertThat(record(null, DnsRecordType.MX, "10 mx.example.org.", 0).subDomain()).isEmpty();
    }
}
