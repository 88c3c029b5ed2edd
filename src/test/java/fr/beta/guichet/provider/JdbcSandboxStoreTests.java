package fr.beta.guichet.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The sandbox state in the database (Flyway's tables on H2): durable once a fake call answered, serialized per API. */
@JdbcTest(properties = "spring.datasource.url=jdbc:h2:mem:sandbox-store;DB_CLOSE_DELAY=-1")
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@Import(JdbcSandboxStoreTests.Wiring.class)
class JdbcSandboxStoreTests {

    static class Wiring {
        @Bean
        JdbcSandboxStore store(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
            return new JdbcSandboxStore(jdbc, transactions, Clock.systemUTC());
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired JdbcSandboxStore store;

    @BeforeEach
    void clear() {
        store.clear("test");
    }

    @Test
    void documentsAreKeptInCreationOrderAndReplacedInPlace() {
        store.save("test", "record", "b", doc("target", "1"));
        store.save("test", "record", "a", doc("target", "2"));
        store.save("test", "record", "b", doc("target", "3"));

        assertThat(store.list("test", "record")).extracting(SandboxDocument::id).containsExactly("b", "a");
        assertThat(store.find("test", "record", "b")).get().extracting(d -> d.body().get("target").asText())
                .isEqualTo("3");
        assertThat(store.delete("test", "record", "a")).isTrue();
        assertThat(store.delete("test", "record", "a")).isFalse();
        assertThat(store.listAll("test")).hasSize(1);
    }

    @Test
    void aFailedCallLeavesNothingAndAnAnsweredOneIsCommitted() {
        assertThatThrownBy(() -> store.atomically("test", () -> {
            store.save("test", "record", "x", doc("n", "1"));
            throw new IllegalStateException("fake failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(store.find("test", "record", "x")).isEmpty();

        store.atomically("test", () -> {
            store.save("test", "record", "y", doc("n", "1"));
            return null;
        });
        assertThat(store.find("test", "record", "y")).isPresent();
    }

    @Test
    void concurrentCallsToOneApiNeverInterleave() throws Exception {
        var pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 40; i++) {
            pool.submit(() -> store.atomically("test", () -> {
                var counter = store.find("test", "counter", "c").map(SandboxDocument::body).orElse(doc("n", "0"));
                int n = Integer.parseInt(counter.get("n").asText());
                store.save("test", "counter", "c", doc("n", String.valueOf(n + 1)));
                return null;
            }));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(store.find("test", "counter", "c")).get().extracting(d -> d.body().get("n").asText())
                .isEqualTo("40");
        assertThat(store.nextNumber("test")).isGreaterThan(1);
    }

    @Test
    void theTransportHandsTheRequestToTheFakeAndTurnsItsFailureIntoA500() {
        FakeApi fake = new FakeApi() {
            @Override
            public String api() {
                return "test";
            }

            @Override
            public ProviderResponse handle(ProviderRequest request) {
                if (request.segments().contains("boom")) {
                    throw new IllegalStateException("bug in the fake");
                }
                store.save("test", "seen", request.query().get("id"), doc("path", request.rawPath()));
                return FakeResponses.json(201, Map.of("id", request.query().get("id")));
            }
        };
        var transport = new SandboxTransport("test", fake, store);

        ProviderResponse created = transport.send("POST", "https://fake.invalid/a/b%2Fc?id=7", Map.of(), "{}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).contains("\"7\"");
        assertThat(store.find("test", "seen", "7")).get().extracting(d -> d.body().get("path").asText())
                .isEqualTo("/a/b%2Fc");
        assertThat(transport.send("GET", "https://fake.invalid/boom", Map.of(), null).status()).isEqualTo(500);
    }

    private static ObjectNode doc(String field, String value) {
        return JSON.createObjectNode().put(field, value);
    }
}
