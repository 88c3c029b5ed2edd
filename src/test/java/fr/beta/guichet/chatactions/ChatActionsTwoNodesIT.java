package fr.beta.guichet.chatactions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import fr.beta.guichet.GuichetApplication;
import fr.beta.guichet.notification.matrix.MatrixFakeApi;
import fr.beta.guichet.provider.ProviderTransports;
import fr.beta.guichet.request.read.RequestTypes;
import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.request.start.RequestStarter;
import fr.beta.guichet.request.variables.RequestVariables;
import fr.beta.guichet.subdomain.SubdomainRecordType;
import fr.beta.guichet.subdomain.SubdomainRequest;
import fr.beta.guichet.support.EmbeddedPostgresDatabase;

/**
 * Two nodes (two contexts of the whole app) on one embedded PostgreSQL, each with its job executor and its room
 * reader on: one reads at a time (the lease row), each « Je prends » in a thread is acted on once (one claim, one
 * row, one « prend la demande »), and when the reading node stops the other takes the room over and goes on from
 * the stored token.
 */
class ChatActionsTwoNodesIT {

    private static final String FLORIAN = "@florian-beta.gouv.fr:agent.dinum.tchap.gouv.fr";
    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;

    @BeforeAll
    static void startTwoNodes() {
        String url = EmbeddedPostgresDatabase.jdbcUrl("chat_actions_two_nodes_it");
        nodeA = start("chatNodeA", url);
        nodeB = start("chatNodeB", url);
    }

    @AfterAll
    static void stop() {
        for (var node : new ConfigurableApplicationContext[] {nodeB, nodeA}) {
            if (node != null && node.isActive()) {
                node.close();
            }
        }
    }

    private static ConfigurableApplicationContext start(String name, String url) {
        return new SpringApplicationBuilder(GuichetApplication.class).profiles("it")
                .run("--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                        "--spring.datasource.password=", "--server.port=0", "--spring.jmx.enabled=false",
                        "--camunda.bpm.process-engine-name=" + name, "--camunda.bpm.job-execution.enabled=true",
                        "--camunda.bpm.metrics.db-reporter-activate=false", "--guichet.demo.enabled=true",
                        "--guichet.chat=matrix", "--guichet.chat-actions.enabled=on",
                        "--guichet.chat-actions.poll-timeout=1s", "--guichet.chat-actions.lease=10s",
                        "--guichet.chat-actions.standby=1s");
    }

    @SuppressWarnings("unchecked")
    private static String announced(ConfigurableApplicationContext node) {
        var type = (RequestType<SubdomainRequest>) node.getBean(RequestTypes.class).byKey("request-subdomain")
                .orElseThrow();
        String reference = node.getBean(RequestStarter.class).start(type, new SubdomainRequest(
                "n" + UUID.randomUUID().toString().substring(0, 8), SubdomainRecordType.CNAME,
                "app.osc-fr1.scalingo.io.", 3600, "Startup", "Deux nœuds"), "alice");
        var runtime = node.getBean(RuntimeService.class);
        String pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).singleResult().getId();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> RequestVariables.MATTERMOST_POST_ID.get(runtime, pi) != null);
        return pi;
    }

    private static MatrixFakeApi matrix(ConfigurableApplicationContext node) {
        return node.getBean(ProviderTransports.class).sandboxFakes().stream().filter(MatrixFakeApi.class::isInstance)
                .map(MatrixFakeApi.class::cast).findFirst().orElseThrow();
    }

    @Test
    void oneNodeReadsEachEventIsActedOnOnceAndTheOtherTakesOver() {
        JdbcTemplate jdbc = nodeA.getBean(JdbcTemplate.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM guichet_chat_reader WHERE holder IS NOT NULL AND next_batch IS NOT NULL",
                Integer.class) == 1);
        var runtime = nodeA.getBean(RuntimeService.class);
        var history = nodeA.getBean(HistoryService.class);
        var requests = new ArrayList<String>();
        for (int i = 0; i < 4; i++) {
            requests.add(announced(i % 2 == 0 ? nodeA : nodeB));
        }
        var events = new ArrayList<String>();
        for (String pi : requests) {
            events.add(matrix(nodeB).userReplies(FLORIAN, RequestVariables.MATTERMOST_POST_ID.get(runtime, pi),
                    "Je prends !"));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> requests.stream()
                .allMatch(pi -> "florian".equals(RequestVariables.EXECUTOR.get(runtime, pi))));
        for (String pi : requests) {
            assertThat(history.createUserOperationLogQuery().processInstanceId(pi).operationType("Claim").count())
                    .isEqualTo(1);
        }
        for (String event : events) {
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM guichet_chat_event WHERE event_id = ?",
                    Integer.class, event)).isEqualTo(1);
        }
        String holder = jdbc.queryForObject("SELECT holder FROM guichet_chat_reader", String.class);

        // the reading node stops: the other takes the room over from the stored token
        ConfigurableApplicationContext reading = nodeA.getBean(RoomReader.class).holder().equals(holder) ? nodeA : nodeB;
        ConfigurableApplicationContext other = reading == nodeA ? nodeB : nodeA;
        String last = announced(other);
        var otherRuntime = other.getBean(RuntimeService.class);
        String root = RequestVariables.MATTERMOST_POST_ID.get(otherRuntime, last);
        reading.close();
        matrix(other).userReplies(FLORIAN, root, "je prends");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> "florian".equals(RequestVariables.EXECUTOR.get(otherRuntime, last)));
        var otherJdbc = other.getBean(JdbcTemplate.class);
        assertThat(otherJdbc.queryForObject("SELECT holder FROM guichet_chat_reader", String.class))
                .isNotEqualTo(holder);
        // one « prend la demande » per thread
        await().atMost(Duration.ofSeconds(30)).until(() -> matrix(other).thread(root).orElseThrow().replyMessages()
                .stream().filter(m -> m.contains("prend la demande")).count() == 1);
        List<String> replies = matrix(other).thread(root).orElseThrow().replyMessages();
        assertThat(replies).filteredOn(m -> m.contains("prend la demande")).hasSize(1);
    }
}
