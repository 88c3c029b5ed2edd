package fr.beta.guichet.provider.ovh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import fr.beta.guichet.provider.ProviderRejectedException;

class SandboxDnsZoneTests {

    private static final Instant NOW = Instant.parse("2026-03-02T10:15:30Z");
    private static final String ZONE = SandboxDnsZone.ZONE;

    private final SandboxDnsZone sandbox = new SandboxDnsZone(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void startsWithTakenNamesInBetaGouvFr() {
        assertThat(sandbox.findRecords(ZONE, "www", DnsRecordType.CNAME)).hasSize(1);
        assertThat(sandbox.findRecords(ZONE, "api", DnsRecordType.A)).hasSize(1);
        assertThat(sandbox.findRecords(ZONE, "doc", null)).extracting(DnsRecord::fieldType)
                .containsExactly(DnsRecordType.CNAME);
        assertThat(sandbox.findRecords(ZONE, "_dmarc", DnsRecordType.TXT)).hasSize(1);
        assertThat(sandbox.operations()).isEmpty();
    }

    @Test
    void createdRecordIsFoundWithTheNextId() {
        long highestSeeded = sandbox.records(ZONE).get(sandbox.records(ZONE).size() - 1).id();

        var created = sandbox.createRecord(ZONE, "monsite", DnsRecordType.CNAME, "x.osc-fr1.scalingo.io.", 3600);

        assertThat(created.id()).isEqualTo(highestSeeded + 1);
        assertThat(sandbox.findRecords(ZONE, "monsite", DnsRecordType.CNAME)).containsExactly(created);
        assertThat(sandbox.findRecords(ZONE, "monsite", DnsRecordType.A)).isEmpty();
        assertThat(sandbox.records(ZONE)).endsWith(created);
    }

    @Test
    void cnameOnTakenNameIsRejectedLikeOvh() {
        assertThatThrownBy(() -> sandbox.createRecord(ZONE, "api", DnsRecordType.CNAME, "x.example.org.", 0))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessage("409 Client::Conflict: a CNAME record cannot coexist with other records on api.beta.gouv.fr");
    }

    @Test
    void anyRecordWhereCnameExistsIsRejected() {
        assertThatThrownBy(() -> sandbox.createRecord(ZONE, "WWW", DnsRecordType.TXT, "\"hello\"", 0))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessageStartingWith("409 Client::Conflict: ");
        assertThatThrownBy(() -> sandbox.createRecord(ZONE, "www", DnsRecordType.CNAME, "other.example.org.", 0))
                .isInstanceOf(ProviderRejectedException.class);
        assertThatThrownBy(() -> sandbox.createRecord(ZONE, "", DnsRecordType.CNAME, "apex.example.org.", 0))
                .as("the apex holds NS records")
                .isInstanceOf(ProviderRejectedException.class);
    }

    @Test
    void recordsOtherThanCnameMayShareAName() {
        sandbox.createRecord(ZONE, "api", DnsRecordType.AAAA, "2001:db8::1", 0);
        sandbox.createRecord(ZONE, "api", DnsRecordType.A, "192.0.2.10", 0);

        assertThat(sandbox.findRecords(ZONE, "api", null)).extracting(DnsRecord::fieldType)
                .containsExactly(DnsRecordType.A, DnsRecordType.AAAA, DnsRecordType.A);
    }

    @Test
    void unknownZoneIsRejectedLikeOvh() {
        assertThatThrownBy(() -> sandbox.findRecords("example.org", "www", null))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessage("404 Client::NotFound: This service does not exist");
        assertThatThrownBy(() -> sandbox.refreshZone("example.org")).isInstanceOf(ProviderRejectedException.class);
    }

    @Test
    void blankTargetIsRejected() {
        assertThatThrownBy(() -> sandbox.createRecord(ZONE, "x", DnsRecordType.A, " ", 0))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessageStartingWith("400 ");
    }

    @Test
    void writesAreRecordedInOrderAndRefusalsAreNot() {
        var created = sandbox.createRecord(ZONE, "monsite", DnsRecordType.CNAME, "x.osc-fr1.scalingo.io.", 3600);
        assertThatThrownBy(() -> sandbox.createRecord(ZONE, "monsite", DnsRecordType.A, "192.0.2.1", 0))
                .isInstanceOf(ProviderRejectedException.class);
        sandbox.refreshZone(ZONE);

        assertThat(sandbox.operations()).containsExactly(
                new SandboxOperation(NOW, "create", "CNAME monsite.beta.gouv.fr -> x.osc-fr1.scalingo.io. (ttl 3600, id "
                        + created.id() + ")"),
                new SandboxOperation(NOW, "refresh", ZONE));
    }

    @Test
    void exposedListsAreReadOnly() {
        assertThatThrownBy(() -> sandbox.operations().add(new SandboxOperation(NOW, "x", "y")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> sandbox.records(ZONE).clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void concurrentCreatesOnOneNameLeaveOneCname() throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 50; i++) {
            String target = "t" + i + ".example.org.";
            pool.submit(() -> {
                try {
                    sandbox.createRecord(ZONE, "race", DnsRecordType.CNAME, target, 0);
                } catch (ProviderRejectedException expected) {
                    // all but one lose the race
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(sandbox.findRecords(ZONE, "race", null)).hasSize(1);
        assertThat(sandbox.operations()).hasSize(1);
    }
}
