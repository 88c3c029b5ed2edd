package fr.beta.guichet.chatactions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import com.fasterxml.jackson.databind.ObjectMapper;

import fr.beta.guichet.chatactions.ThreadActions.Outcome;
import fr.beta.guichet.notification.ChatRoomSync;
import fr.beta.guichet.notification.ChatThread;
import fr.beta.guichet.notification.matrix.MatrixFakeApi;
import fr.beta.guichet.provider.FakeResponses;
import fr.beta.guichet.provider.ProviderTransports;
import fr.beta.guichet.request.read.RequestTypes;
import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.request.start.RequestStarter;
import fr.beta.guichet.request.tasks.RequestTasks;
import fr.beta.guichet.request.variables.LifecycleElements;
import fr.beta.guichet.request.variables.RequestVariables;
import fr.beta.guichet.subdomain.SubdomainRecordType;
import fr.beta.guichet.subdomain.SubdomainRequest;
import fr.beta.guichet.support.FaultyTransport;
import fr.beta.guichet.support.GuichetSpringTest;
import fr.beta.guichet.support.JobDriver;

/**
 * Admins work a subdomain request (group {@code ops-ovh}) from its Tchap thread: the live {@code MatrixSyncClient}
 * reads {@link MatrixFakeApi}'s {@code /sync}, other people's events are injected into the fake, and readers are
 * driven turn by turn ({@link RoomReader#poll}), each with its own lease holder name as a node would have.
 * Demo users' Tchap ids are {@code @<id>-beta.gouv.fr:agent.dinum.tchap.gouv.fr} (« Mon compte », seeded).
 */
@GuichetSpringTest
@Import(JobDriver.class)
@TestPropertySource(properties = "guichet.chat=matrix")
class ChatActionsTests {

    static final String FLORIAN = "florian";
    static final String JULIEN = "julien";
    static final String ALICE = "alice";

    @Autowired ApplicationContext context;
    @Autowired ThreadActions actions;
    @Autowired ReaderPositions positions;
    @Autowired RequestStarter starter;
    @Autowired RequestTypes types;
    @Autowired RequestTasks tasks;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired HistoryService historyService;
    @Autowired ProviderTransports transports;
    @Autowired FaultyTransport faults;
    @Autowired JobDriver jobs;
    @Autowired JdbcTemplate jdbc;
    @Autowired Clock clock;

    RoomReader nodeA;

    static String tchap(String userId) {
        return "@" + userId + "-beta.gouv.fr:agent.dinum.tchap.gouv.fr";
    }

    @BeforeEach
    void freshReader() {
        jdbc.update("DELETE FROM guichet_chat_reader");
        nodeA = reader("nodeA");
        assertThat(nodeA.poll(Duration.ZERO).holder()).isTrue(); // the first sync: only the position
    }

    @AfterEach
    void disarm() {
        faults.reset();
    }

    RoomReader reader(String holder) {
        return reader(holder, ChatActionsProperties.defaults());
    }

    RoomReader reader(String holder, ChatActionsProperties properties) {
        return new RoomReader(context.getBeanProvider(ChatRoomSync.class), actions, positions, properties, clock,
                holder);
    }

    MatrixFakeApi matrix() {
        return transports.sandboxFakes().stream().filter(MatrixFakeApi.class::isInstance)
                .map(MatrixFakeApi.class::cast).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    ProcessInstance announcedRequest() {
        var type = (RequestType<SubdomainRequest>) types.byKey("request-subdomain").orElseThrow();
        String reference = starter.start(type, new SubdomainRequest("t" + UUID.randomUUID().toString().substring(0, 8),
                SubdomainRecordType.CNAME, "app.osc-fr1.scalingo.io.", 3600, "Startup d'État", "Mettre en ligne"),
                ALICE);
        ProcessInstance pi = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference)
                .singleResult();
        jobs.runDueJobs(pi.getId());
        assertThat(waitsAt(pi)).isEqualTo(LifecycleElements.CLAIM);
        return pi;
    }

    String root(ProcessInstance pi) {
        return RequestVariables.MATTERMOST_POST_ID.get(runtimeService, pi.getId());
    }

    Task task(ProcessInstance pi) {
        return taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    }

    String waitsAt(ProcessInstance pi) {
        Task task = task(pi);
        return task == null ? null : task.getTaskDefinitionKey();
    }

    ChatThread thread(ProcessInstance pi) {
        return matrix().thread(root(pi)).orElseThrow();
    }

    /** The thread's replies, once the jobs (the lifecycle's and the reader's answers) have run. */
    List<String> replies(ProcessInstance pi) {
        jobs.runDueJobs(pi.getId());
        return thread(pi).replyMessages();
    }

    List<Outcome> turn() {
        var turn = nodeA.poll(Duration.ZERO);
        assertThat(turn.error()).isNull();
        return turn.outcomes();
    }

    ProcessInstance takenByFlorianAndExecuted() {
        ProcessInstance pi = announcedRequest();
        matrix().userReplies(tchap(FLORIAN), root(pi), "Je prends");
        assertThat(turn()).containsExactly(Outcome.DONE);
        jobs.runDueJobsAndProviderPolling(pi.getId());
        assertThat(waitsAt(pi)).isEqualTo(LifecycleElements.CONFIRM);
        return pi;
    }

    int handledRows(String eventId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM guichet_chat_event WHERE event_id = ?", Integer.class, eventId);
    }

    // ---- « Je prends » ----

    @Test
    void jePrendsByAGroupMemberClaimsItAsThatPersonExactlyAsTheButton() {
        ProcessInstance pi = announcedRequest();
        String event = matrix().userReplies(tchap(FLORIAN), root(pi), "je PRÉNDS !");

        assertThat(turn()).containsExactly(Outcome.DONE);

        assertThat(RequestVariables.EXECUTOR.get(runtimeService, pi.getId())).isEqualTo(FLORIAN);
        assertThat(historyService.createUserOperationLogQuery().processInstanceId(pi.getId()).userId(FLORIAN)
                .operationType("Claim").count()).as("operation log of the claim, as florian").isPositive();
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
                .activityId(LifecycleElements.CLAIM).finished().count()).isEqualTo(1);
        // the claim's reminder timer is gone with the claim task
        assertThat(jobs.timer(pi.getId(), LifecycleElements.REMINDER_TIMER)).isNull();
        assertThat(replies(pi)).anySatisfy(m -> assertThat(m).contains("florian prend la demande"));
        assertThat(handledRows(event)).isEqualTo(1);
    }

    @Test
    void jePrendsWhenSomeoneElseHasItIsAnsweredDejaPrisPar() {
        ProcessInstance pi = takenByFlorianAndExecuted();
        matrix().userReplies(tchap(JULIEN), root(pi), "Je prends.");

        assertThat(turn()).containsExactly(Outcome.REFUSED);

        assertThat(RequestVariables.EXECUTOR.get(runtimeService, pi.getId())).isEqualTo(FLORIAN);
        assertThat(replies(pi)).anySatisfy(m -> assertThat(m).endsWith(": déjà pris par florian."));
    }

    @Test
    void jePrendsBySomeoneOutsideTheGroupIsRefusedAndTheRequestStaysUnclaimed() {
        ProcessInstance pi = announcedRequest();
        matrix().userReplies(tchap(ALICE), root(pi), "je prends");

        assertThat(turn()).containsExactly(Outcome.REFUSED);

        assertThat(waitsAt(pi)).isEqualTo(LifecycleElements.CLAIM);
        assertThat(task(pi).getAssignee()).isNull();
        assertThat(replies(pi)).anySatisfy(m -> assertThat(m).isEqualTo("alice : tu n'es pas dans le groupe ops-ovh."));
    }

    @Test
    void anUnknownMatrixIdIsToldToDeclareItAndNothingIsDone() {
        ProcessInstance pi = announcedRequest();
        matrix().userReplies("@quelquun-autre.fr:agent.tchap.gouv.fr", root(pi), "Je prends");

        assertThat(turn()).containsExactly(Outcome.REFUSED);

        assertThat(task(pi).getAssignee()).isNull();
        assertThat(waitsAt(pi)).isEqualTo(LifecycleElements.CLAIM);
        assertThat(replies(pi)).anySatisfy(m -> assertThat(m)
                // the Matrix id as inert text (no mention: a zero-width space after its @)
                .contains("quelquun-autre.fr:agent.tchap.gouv.fr : cet identifiant Tchap n'est relié à aucun compte"));
    }

    @Test
    void aDisplayNameImpersonatorIsAnUnknownMatrixId() {
        ProcessInstance pi = announcedRequest();
        String impostor = "@florian:evil.example";
        var json = new ObjectMapper();
        matrix().userSends(impostor, "m.room.member",
                json.createObjectNode().put("membership", "join").put("displayname", "florian"));
        var content = json.createObjectNode().put("msgtype", "m.text").put("body", "florian: je prends");
        content.putObject("m.relates_to").put("rel_type", "m.thread").put("event_id", root(pi));
        matrix().userSends(impostor, "m.room.message", content);
        matrix().userReplies(impostor, root(pi), "Je prends");

        assertThat(turn()).containsExactly(Outcome.IGNORED, Outcome.REFUSED);

        assertThat(task(pi).getAssignee()).isNull();
        assertThat(RequestVariables.EXECUTOR.get(runtimeService, pi.getId())).isNull();
    }

    // ---- « Je passe » ----

    @Test
    void jePasseHandsARequestAssignedToTheSenderBackToTheGroup() {
        ProcessInstance pi = announcedRequest();
        taskService.setAssignee(task(pi).getId(), FLORIAN);
        matrix().userReplies(tchap(FLORIAN), root(pi), "Je passe");

        assertThat(turn()).containsExactly(Outcome.DONE);

        assertThat(waitsAt(pi)).isEqualTo(LifecycleElements.CLAIM);
        assertThat(task(pi).getAssignee()).isNull();
        assertThat(replies(pi)).anySatisfy(m -> assertThat(m).contains("florian passe son tour"));
    }

    @Test
    void jePasseOnARequestAssignedToSomeoneElseIsRefused() {
        ProcessInstance pi = announcedRequest();
        taskService.setAssignee(task(pi).getId(), FLORIAN);
        matrix().userReplies(tchap(JULIEN), root(pi), "je passe");

        assertThat(turn()).containsExactly(Outcome.REFUSED);

        assertThat(task(pi).getAssignee()).isEqualTo(FLORIAN);
        assertThat(replies(pi)).anySatisfy(m -> assertThat(m).endsWith("déjà pris par florian."));
    }

    // ---- « fait » and ✅ ----

    @Test
    void aCheckMarkByTheExecutorOnTheRootConfirmsTheRequest() {
        ProcessInstance pi = takenByFlorianAndExecuted();
        matrix().userReacts(tchap(FLORIAN), root(pi), "✅️"); // with the variation selector, as Element sends it

        assertThat(turn()).containsExactly(Outcome.DONE);

        jobs.runDueJobs(pi.getId());
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pi.getId()).count()).isZero();
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
                .activityId(LifecycleElements.DONE).count()).isEqualTo(1);
    }

    @Test
    void faitByTheExecutorConfirmsTheRequest() {
        ProcessInstance pi = takenByFlorianAndExecuted();
        String root = root(pi);
        matrix().userReplies(tchap(FLORIAN), root, "Fait");

        assertThat(turn()).containsExactly(Outcome.DONE);

        jobs.runDueJobs(pi.getId());
        assertThat(matrix().thread(root).orElseThrow().replyMessages()).anySatisfy(m -> assertThat(m).startsWith("✅ fait (par florian)"));
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
                .activityId(LifecycleElements.DONE).count()).isEqualTo(1);
    }

    @Test
    void aCheckMarkBySomeoneElseThanTheExecutorDoesNotConfirm() {
        ProcessInstance pi = takenByFlorianAndExecuted();
        matrix().userReacts(tchap(JULIEN), root(pi), "✅");

        assertThat(turn()).containsExactly(Outcome.REFUSED);

        assertThat(waitsAt(pi)).isEqualTo(LifecycleElements.CONFIRM);
        assertThat(replies(pi)).anySatisfy(m -> assertThat(m)
                .isEqualTo("julien : seul florian, qui a pris la demande, peut la confirmer."));
    }

    @Test
    void faitBeforeTheExecutionIsAnsweredThatItWaits() {
        ProcessInstance pi = announcedRequest();
        tasks.take(task(pi).getId(), FLORIAN); // with the button; the execution job has not run yet
        matrix().userReplies(tchap(FLORIAN), root(pi), "fait");

        assertThat(turn()).containsExactly(Outcome.REFUSED);

        jobs.runDueJobsAndProviderPolling(pi.getId());
        assertThat(waitsAt(pi)).isEqualTo(LifecycleElements.CONFIRM);
        assertThat(thread(pi).replyMessages())
                .anySatisfy(m -> assertThat(m).isEqualTo("florian : la demande attend encore l'exécution."));
    }

    // ---- what is not an action ----

    @Test
    void conversationOwnEventsAndOtherThreadsAreIgnored() {
        ProcessInstance pi = announcedRequest();
        String other = matrix().userPosts(tchap(JULIEN), "Quelqu'un a vu le ticket ?");
        matrix().userReplies(tchap(FLORIAN), root(pi), "je prends demain");
        matrix().userReplies(tchap(FLORIAN), other, "je prends");
        matrix().userReplies(MatrixFakeApi.BOT_USER_ID, root(pi), "je prends"); // filtered out by the sync filter
        matrix().userReacts(tchap(FLORIAN), root(pi), "👍");

        assertThat(turn()).containsOnly(Outcome.IGNORED).hasSize(4);

        assertThat(task(pi).getAssignee()).isNull();
        assertThat(waitsAt(pi)).isEqualTo(LifecycleElements.CLAIM);
        assertThat(actions.handle(new ChatRoomSync.Event("$own", MatrixFakeApi.BOT_USER_ID, ChatRoomSync.Kind.MESSAGE,
                "je prends", root(pi), false, clock.instant()), MatrixFakeApi.BOT_USER_ID)).isEqualTo(Outcome.IGNORED);
    }

    // ---- at most once ----

    @Test
    void aDuplicateDeliveryIsActedOnOnce() {
        ProcessInstance pi = announcedRequest();
        String reader = "matrix:" + context.getBean(ChatRoomSync.class).room();
        String before = positions.nextBatch(reader);
        String event = matrix().userReplies(tchap(ALICE), root(pi), "je prends");
        assertThat(turn()).containsExactly(Outcome.REFUSED);

        // the homeserver delivers the same batch again (a token stored before the batch, e.g. a lost answer)
        positions.save(reader, "nodeA", before, clock.instant());
        assertThat(turn()).containsExactly(Outcome.DUPLICATE);

        assertThat(handledRows(event)).isEqualTo(1);
        assertThat(replies(pi)).filteredOn(m -> m.contains("tu n'es pas dans le groupe")).hasSize(1);
    }

    @Test
    void aRestartBetweenTwoBatchesNeitherLosesNorRepeatsAnEvent() {
        ProcessInstance first = announcedRequest();
        ProcessInstance second = announcedRequest();
        ProcessInstance third = announcedRequest();
        matrix().userReplies(tchap(FLORIAN), root(first), "Je prends");
        assertThat(turn()).containsExactly(Outcome.DONE); // batch 1 handled, its token stored

        // batch 2: node A handles julien's « je prends », then stops before storing the token
        String reader = "matrix:" + context.getBean(ChatRoomSync.class).room();
        String afterFirst = positions.nextBatch(reader);
        String e2 = matrix().userReplies(tchap(JULIEN), root(second), "je prends");
        assertThat(actions.handle(new ChatRoomSync.Event(e2, tchap(JULIEN), ChatRoomSync.Kind.MESSAGE, "je prends",
                root(second), false, clock.instant()), MatrixFakeApi.BOT_USER_ID)).isEqualTo(Outcome.DONE);
        // while no node reads, hussardnum answers in the third thread
        matrix().userReplies(tchap("hussardnum"), root(third), "Je prends !");
        // node A is gone: its lease runs out
        jdbc.update("UPDATE guichet_chat_reader SET lease_until = ? WHERE reader = ?",
                java.sql.Timestamp.from(clock.instant().minusSeconds(1)), reader);

        RoomReader restarted = reader("nodeA-restarted");
        var turn = restarted.poll(Duration.ZERO);
        assertThat(turn.holder()).isTrue();
        assertThat(turn.outcomes()).containsExactly(Outcome.DUPLICATE, Outcome.DONE);
        assertThat(positions.nextBatch(reader)).isNotEqualTo(afterFirst);
        assertThat(restarted.poll(Duration.ZERO).outcomes()).isEmpty();
        assertThat(RequestVariables.EXECUTOR.get(runtimeService, first.getId())).isEqualTo(FLORIAN);
        assertThat(RequestVariables.EXECUTOR.get(runtimeService, second.getId())).isEqualTo(JULIEN);
        assertThat(RequestVariables.EXECUTOR.get(runtimeService, third.getId())).isEqualTo("hussardnum");
        for (ProcessInstance pi : List.of(first, second, third)) {
            assertThat(historyService.createUserOperationLogQuery().processInstanceId(pi.getId())
                    .operationType("Claim").count()).isEqualTo(1);
        }
        // node A, back, finds the room held by the restarted node
        assertThat(nodeA.poll(Duration.ZERO).holder()).isFalse();
    }

    @Test
    void twoNodesReadOneAtATimeAndAnEventIsActedOnOnce() throws Exception {
        ProcessInstance pi = announcedRequest();
        RoomReader nodeB = reader("nodeB");
        String event = matrix().userReplies(tchap(FLORIAN), root(pi), "Je prends");

        var b = nodeB.poll(Duration.ZERO);
        assertThat(b.holder()).as("node B waits while node A holds the room").isFalse();
        assertThat(b.delay()).isEqualTo(ChatActionsProperties.defaults().standby());
        assertThat(turn()).containsExactly(Outcome.DONE);

        // both nodes with the same event at the same moment (a lease taken over mid-batch): one acts
        ProcessInstance other = announcedRequest();
        var same = new ChatRoomSync.Event("$race-" + UUID.randomUUID(), tchap(JULIEN), ChatRoomSync.Kind.MESSAGE,
                "je prends", root(other), false, clock.instant());
        var barrier = new CyclicBarrier(2);
        var pool = Executors.newFixedThreadPool(2);
        try {
            var results = new ArrayList<Future<Outcome>>();
            for (int i = 0; i < 2; i++) {
                results.add(pool.submit(() -> {
                    barrier.await();
                    return actions.handle(same, MatrixFakeApi.BOT_USER_ID);
                }));
            }
            var outcomes = new ArrayList<Outcome>();
            for (var r : results) {
                outcomes.add(r.get());
            }
            assertThat(outcomes).containsExactlyInAnyOrder(Outcome.DONE, Outcome.DUPLICATE);
        } finally {
            pool.shutdownNow();
        }
        assertThat(historyService.createUserOperationLogQuery().processInstanceId(other.getId())
                .operationType("Claim").count()).isEqualTo(1);
        assertThat(handledRows(event)).isEqualTo(1);
    }

    @Test
    void theHomeserverDownForAWhileBacksOffThenCatchesUp() {
        ProcessInstance pi = announcedRequest();
        faults.answerNext("matrix", r -> r.rawPath().endsWith("/sync"),
                r -> FakeResponses.json(502, Map.of("errcode", "M_UNKNOWN", "error", "Bad gateway")), 3);
        faults.answerNext("matrix", r -> r.rawPath().endsWith("/sync"), r -> MatrixFakeApi.rateLimited(), 1);
        var delays = new ArrayList<Duration>();
        for (int i = 0; i < 3; i++) {
            var turn = nodeA.poll(Duration.ZERO);
            assertThat(turn.error()).contains("502");
            delays.add(turn.delay());
        }
        // meanwhile, florian answered in the thread
        matrix().userReplies(tchap(FLORIAN), root(pi), "je prends");
        var limited = nodeA.poll(Duration.ZERO);
        assertThat(limited.error()).contains("429");

        assertThat(delays.get(0)).isBetween(Duration.ofSeconds(1), Duration.ofMillis(1100));
        assertThat(delays.get(1)).isBetween(Duration.ofSeconds(2), Duration.ofMillis(2200));
        assertThat(delays.get(2)).isBetween(Duration.ofSeconds(4), Duration.ofMillis(4400));
        assertThat(limited.delay()).isGreaterThanOrEqualTo(Duration.ofSeconds(8)); // the back-off, above retry_after
        assertThat(task(pi).getAssignee()).isNull();

        var back = nodeA.poll(Duration.ZERO);
        assertThat(back.error()).isNull();
        assertThat(back.outcomes()).containsExactly(Outcome.DONE);
        assertThat(back.delay()).isZero();
        assertThat(RequestVariables.EXECUTOR.get(runtimeService, pi.getId())).isEqualTo(FLORIAN);
    }

    @Test
    void a429WaitsAtLeastItsRetryAfter() {
        faults.answerNext("matrix", r -> r.rawPath().endsWith("/sync"), r -> MatrixFakeApi.rateLimited(), 1);
        var turn = nodeA.poll(Duration.ZERO);
        assertThat(turn.delay()).isGreaterThanOrEqualTo(Duration.ofMillis(2000)); // retry_after_ms of the fake
    }

    @Test
    void theLongPollWaitsForTheNextEventAndAnEarlyEmptyAnswerIsNotABusyLoop() throws Exception {
        ProcessInstance pi = announcedRequest();
        var pool = Executors.newSingleThreadExecutor();
        try {
            pool.submit(() -> {
                Thread.sleep(600);
                return matrix().userReplies(tchap(FLORIAN), root(pi), "je prends");
            });
            long start = System.nanoTime();
            var turn = nodeA.poll(Duration.ofSeconds(20));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(turn.outcomes()).containsExactly(Outcome.DONE);
            assertThat(took).isBetween(Duration.ofMillis(500), Duration.ofSeconds(10));
            assertThat(turn.delay()).isZero();
        } finally {
            pool.shutdownNow();
        }
        // nothing new: the poll is held for its timeout
        long start = System.nanoTime();
        assertThat(nodeA.poll(Duration.ofMillis(800)).outcomes()).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(700));

        // a server that answers an empty batch at once, again and again: each turn then waits idle-min
        ChatRoomSync hasty = new ChatRoomSync() {
            @Override
            public String room() {
                return "!hasty:test.invalid";
            }

            @Override
            public String ownUserId() {
                return MatrixFakeApi.BOT_USER_ID;
            }

            @Override
            public Batch sync(String since, Duration timeout) {
                return new Batch("s1", List.of(), false);
            }
        };
        var factory = new org.springframework.beans.factory.support.StaticListableBeanFactory(Map.of("hasty", hasty));
        var reader = new RoomReader(factory.getBeanProvider(ChatRoomSync.class), actions, positions,
                ChatActionsProperties.defaults(), clock, "nodeA");
        assertThat(reader.poll(Duration.ofSeconds(20)).delay()).isZero(); // the first sync: the position
        assertThat(reader.poll(Duration.ofSeconds(20)).delay()).isEqualTo(ChatActionsProperties.defaults().idleMin());
    }
}
