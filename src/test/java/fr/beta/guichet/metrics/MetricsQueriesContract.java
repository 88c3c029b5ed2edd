package fr.beta.guichet.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.within;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import fr.beta.guichet.dockerhub.DockerHubProcess;
import fr.beta.guichet.request.read.RequestTypes;
import fr.beta.guichet.request.start.RequestStarter;
import fr.beta.guichet.request.tasks.RequestTasks;
import fr.beta.guichet.request.variables.LifecycleElements;
import fr.beta.guichet.subdomain.SubdomainProcess;
import fr.beta.guichet.support.JobDriver;

/**
 * Every figure of the metrics, on the history written by {@link MetricsScenario} (through the engine, so through
 * the reporting table's handler) and {@link WaitHistory} (history rows, reported by the backfill), equals the
 * answer worked out by hand, read from the reporting table; the table gives the figures of the history. {@code PERCENTILE_CONT} interpolates: the median of 1..20 h is 10.5 h, the 90th percentile of n sorted
 * values is at rank 0.9 × (n − 1), e.g. 18 h + 0.1 × (19 h − 18 h) = 18.1 h for 1..20 h. Run on H2 and PostgreSQL.
 */
abstract class MetricsQueriesContract {

    private static final String SUB = SubdomainProcess.KEY;
    private static final String DCK = DockerHubProcess.KEY;
    private static final LocalDate JAN = LocalDate.of(2001, 1, 1);
    private static final LocalDate FEB = LocalDate.of(2001, 2, 1);
    private static final LocalDate MAR = LocalDate.of(2001, 3, 1);
    private static boolean generated;

    @Autowired MetricsQueries queries;
    @Autowired RequestStarter starter;
    @Autowired RequestTasks tasks;
    @Autowired RequestTypes types;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired JobDriver jobs;
    @Autowired JdbcTemplate jdbc;
    @Autowired RequestReportPlugin reportPlugin;
    @Autowired PlatformTransactionManager transactionManager;
    @Autowired RepositoryService repositoryService;
    @Autowired UsualDelays usualDelays;
    @Autowired RequestReportCleanup cleanup;

    @BeforeEach
    void generateHistoryOnce() {
        synchronized (MetricsQueriesContract.class) {
            if (!generated) {
                new MetricsScenario(starter, tasks, types, runtimeService, taskService, managementService, jobs).run();
                // D: requests that waited for their requester, as history rows only: the backfill reports them
                WaitHistory.insertHistory(jdbc, 0);
                assertThat(reportPlugin.backfill().run()).isEqualTo(WaitHistory.REQUESTS.size());
                generated = true;
            }
        }
    }

    private MetricsReport byMonth() {
        return queries.report(new MetricsPeriod(JAN, LocalDate.of(2001, 2, 28), Granularity.MONTH));
    }

    private MetricsReport byWeek() {
        return queries.report(new MetricsPeriod(JAN, LocalDate.of(2001, 2, 28), Granularity.WEEK));
    }

    @Test
    void countsPerTypeAndMonth() {
        var report = byMonth();
        assertThat(report.buckets()).containsExactly(JAN, FEB);
        var sub = report.row(SUB, JAN).orElseThrow();
        assertThat(new long[] { sub.created(), sub.done(), sub.rejected(), sub.cancelled(), sub.open(), sub.claimed() })
                .containsExactly(30, 20, 5, 3, 2, 20);
        var dck = report.row(DCK, FEB).orElseThrow();
        assertThat(new long[] { dck.created(), dck.done(), dck.rejected(), dck.cancelled(), dck.open(), dck.claimed() })
                .containsExactly(10, 9, 0, 0, 1, 10);
        assertThat(report.row(SUB, FEB).orElseThrow().created()).isZero();
        assertThat(report.row(DCK, JAN).orElseThrow().created()).isZero();
        assertThat(report.row("request-mailbox", JAN).orElseThrow().created()).isZero();
    }

    @Test
    void medianAndNinetiethPercentileOfTimeToClaimAndToDone() {
        var report = byMonth();
        var sub = report.row(SUB, JAN).orElseThrow();
        assertThat(sub.claimMedian()).isEqualTo(hours(10.5));
        assertThat(sub.claimP90()).isEqualTo(hours(18.1));
        assertThat(sub.doneMedian()).isEqualTo(hours(11.5));
        assertThat(sub.doneP90()).isEqualTo(hours(19.1));
        var dck = report.row(DCK, FEB).orElseThrow();
        assertThat(dck.claimMedian()).isEqualTo(hours(5.5));
        assertThat(dck.claimP90()).isEqualTo(hours(9.1));
        assertThat(dck.doneMedian()).isEqualTo(hours(7));
        assertThat(dck.doneP90()).isEqualTo(hours(10.2));
        assertThat(report.row(SUB, FEB).orElseThrow().claimMedian()).isNull();
    }

    @Test
    void remindersEscalationsAndOpenIncidents() {
        var report = byMonth();
        var sub = report.row(SUB, JAN).orElseThrow();
        assertThat(new long[] { sub.reminded(), sub.escalated(), sub.incidents() }).containsExactly(10, 5, 0);
        var dck = report.row(DCK, FEB).orElseThrow();
        assertThat(new long[] { dck.reminded(), dck.escalated(), dck.incidents() }).containsExactly(0, 0, 1);
    }

    @Test
    void weeksStartOnMondayAndSplitTheCohorts() {
        var report = byWeek();
        assertThat(report.buckets()).hasSize(9).startsWith(JAN).endsWith(LocalDate.of(2001, 2, 26));
        var first = report.row(SUB, JAN).orElseThrow();
        assertThat(new long[] { first.created(), first.done(), first.reminded(), first.escalated() })
                .containsExactly(20, 20, 0, 0);
        assertThat(first.claimMedian()).isEqualTo(hours(10.5));
        assertThat(first.doneP90()).isEqualTo(hours(19.1));
        var second = report.row(SUB, LocalDate.of(2001, 1, 8)).orElseThrow();
        assertThat(new long[] { second.created(), second.done(), second.rejected(), second.cancelled(), second.open(),
                second.claimed(), second.reminded(), second.escalated() }).containsExactly(10, 0, 5, 3, 2, 0, 10, 5);
        assertThat(second.claimMedian()).isNull();
        assertThat(second.doneMedian()).isNull();
        var docker = report.row(DCK, LocalDate.of(2001, 2, 5)).orElseThrow();
        assertThat(new long[] { docker.created(), docker.done(), docker.open(), docker.incidents() })
                .containsExactly(10, 9, 1, 1);
        assertThat(docker.doneMedian()).isEqualTo(hours(7));
        assertThat(report.nonEmptyRows()).hasSize(3);
    }

    @Test
    void totalsOverThePeriodArePerType() {
        var report = byWeek();
        var sub = report.total(SUB).orElseThrow();
        assertThat(new long[] { sub.created(), sub.done(), sub.rejected(), sub.cancelled(), sub.open(), sub.reminded(),
                sub.escalated() }).containsExactly(30, 20, 5, 3, 2, 10, 5);
        assertThat(sub.claimP90()).isEqualTo(hours(18.1));
        var dck = report.total(DCK).orElseThrow();
        assertThat(dck.doneP90()).isEqualTo(hours(10.2));
        assertThat(dck.incidents()).isEqualTo(1);
    }

    @Test
    void claimsPerPersonCountOnlyTakesNotRejections() {
        assertThat(byMonth().claims()).containsExactly(
                new ClaimCount(SUB, "florian", 10),
                new ClaimCount(SUB, "julien", 10),
                new ClaimCount(DCK, "jerome", 9),
                new ClaimCount(DCK, "totakoko", 1));
    }

    @Test
    void aPeriodOutsideTheHistoryIsAllZeros() {
        var report = queries.report(new MetricsPeriod(LocalDate.of(2000, 6, 1), LocalDate.of(2000, 6, 30),
                Granularity.MONTH));
        assertThat(report.totals()).allSatisfy(t -> assertThat(t.created()).isZero());
        assertThat(report.claims()).isEmpty();
    }

    @Test
    void timeWaitingForTheRequesterIsLeftOutOfTheDelays() {
        var report = queries.report(new MetricsPeriod(MAR, LocalDate.of(2001, 3, 31), Granularity.MONTH));
        var sub = report.row(SUB, MAR).orElseThrow();
        assertThat(new long[] { sub.created(), sub.done(), sub.rejected(), sub.cancelled(), sub.open(), sub.claimed(),
                sub.waited(), sub.reminded(), sub.escalated() }).containsExactly(4, 2, 1, 0, 1, 2, 4, 0, 0);
        assertThat(sub.claimMedian()).isEqualTo(hours(2));
        assertThat(sub.claimP90()).isEqualTo(hours(2.8));
        assertThat(sub.doneMedian()).isEqualTo(hours(4));
        assertThat(sub.doneP90()).isEqualTo(hours(4.8));
        assertThat(sub.waitMedian()).isEqualTo(hours(3));
        assertThat(report.claims()).containsExactly(new ClaimCount(SUB, "florian", 1), new ClaimCount(SUB, "julien", 1));
        // the cohorts of January and February never waited
        assertThat(byMonth().row(SUB, JAN).orElseThrow().waited()).isZero();
        assertThat(byMonth().row(SUB, JAN).orElseThrow().waitMedian()).isNull();
    }

    @Test
    void theReportingTableGivesTheFiguresOfTheHistory() {
        for (Granularity g : Granularity.values()) {
            var period = new MetricsPeriod(JAN, LocalDate.of(2001, 3, 31), g);
            assertThat(queries.report(period, RequestReportSource.TABLE))
                    .isEqualTo(queries.report(period, RequestReportSource.HISTORY));
        }
        Instant now = local(LocalDateTime.of(2001, 3, 31, 12, 0));
        assertThat(queries.keyFigures(now, Duration.ofHours(24), RequestReportSource.TABLE))
                .isEqualTo(queries.keyFigures(now, Duration.ofHours(24), RequestReportSource.HISTORY));
    }

    @Test
    void theBackfillWritesTheRowsTheHandlerWrote() {
        String where = " WHERE created_at >= ? AND created_at < ? ORDER BY proc_inst_id";
        Object[] year = { Timestamp.valueOf("2001-01-01 00:00:00"), Timestamp.valueOf("2002-01-01 00:00:00") };
        var written = jdbc.queryForList("SELECT * FROM guichet_request_report" + where, year);
        // A, B, C through the engine (40) and D (4)
        assertThat(written).hasSize(44);
        jdbc.update("DELETE FROM guichet_request_report WHERE created_at >= ? AND created_at < ?", year);
        assertThat(reportPlugin.backfill().run()).isEqualTo(44);
        assertThat(jdbc.queryForList("SELECT * FROM guichet_request_report" + where, year)).isEqualTo(written);
        assertThat(reportPlugin.backfill().run()).isZero();
    }

    @Test
    void theHandlerGivesTheRowsOfTheHistoryForWaitingRequests() {
        int shift = 728; // 104 weeks earlier: same weekdays, outside every period tested
        var transaction = new TransactionTemplate(transactionManager);
        List<String> ids = WaitHistory.sendEvents(event -> transaction.executeWithoutResult(
                s -> reportPlugin.handler().handleEvent(event)), shift);
        String columns = "req_type, created_at, ended_at, end_state, duration_ms, first_claim_at, claim_ended_at,"
                + " claim_assignee, claim_decision, claim_ms, reminders, escalations, waits, wait_ms,"
                + " wait_before_claim_ms, waiting_since";
        var fromEvents = jdbc.queryForList("SELECT " + columns + " FROM guichet_request_report"
                + " WHERE proc_inst_id LIKE 'event-%' ORDER BY created_at");
        var fromHistory = jdbc.queryForList("SELECT " + columns + " FROM guichet_request_report"
                + " WHERE proc_inst_id LIKE 'wait-%' ORDER BY created_at");
        assertThat(fromEvents).hasSize(ids.size());
        assertThat(fromEvents.stream().map(row -> shifted(row, shift)).toList()).isEqualTo(fromHistory);
        jdbc.update("DELETE FROM guichet_request_report WHERE proc_inst_id LIKE 'event-%'");
    }

    private static java.util.Map<String, Object> shifted(java.util.Map<String, Object> row, int days) {
        var copy = new java.util.LinkedHashMap<String, Object>();
        row.forEach((k, v) -> copy.put(k, v instanceof Timestamp t
                ? Timestamp.valueOf(t.toLocalDateTime().plusDays(days)) : v));
        return copy;
    }

    @Test
    void keyFiguresAreTheEnginesCountsAndTheTwoFourWeekMedians() {
        Instant now = local(LocalDateTime.of(2001, 3, 31, 12, 0));
        var figures = queries.keyFigures(now, Duration.ofHours(24));
        var keys = types.processKeys().toArray(String[]::new);
        assertThat(figures.open()).isEqualTo(runtimeService.createProcessInstanceQuery().processDefinitionKeyIn(keys)
                .count());
        assertThat(figures.overdue()).isEqualTo(taskService.createTaskQuery().processDefinitionKeyIn(keys)
                .taskDefinitionKey(LifecycleElements.CLAIM).taskCreatedBefore(Date.from(now.minus(Duration.ofHours(24))))
                .count());
        assertThat(figures.incidents()).isEqualTo(runtimeService.createIncidentQuery().list().stream()
                .filter(i -> types.processKeys().contains(repositoryService.getProcessDefinition(
                        i.getProcessDefinitionId()).getKey())).count()).isPositive();
        assertThat(figures.waitingRequester()).isEqualTo(taskService.createTaskQuery()
                .taskDefinitionKey(MetricsElements.ANSWER_QUESTION).count());
        // takes of March 3–31: D1 (3 h) and D2 (1 h); of February 3 – March 3: C (1..10 h)
        assertThat(figures.claimsLast4Weeks()).isEqualTo(2);
        assertThat(figures.claimMedianLast4Weeks()).isEqualTo(hours(2));
        assertThat(figures.claimsPrevious4Weeks()).isEqualTo(10);
        assertThat(figures.claimMedianPrevious4Weeks()).isEqualTo(hours(5.5));
        assertThat(figures.claimTrend()).isEqualTo("faster");
        var january = queries.keyFigures(local(LocalDateTime.of(2001, 1, 20, 0, 0)), Duration.ofHours(24));
        assertThat(january.claimsLast4Weeks()).isEqualTo(20);
        assertThat(january.claimMedianLast4Weeks()).isEqualTo(hours(10.5));
        assertThat(january.claimMedianPrevious4Weeks()).isNull();
        assertThat(january.claimTrend()).isEqualTo("none");
    }

    @Test
    void requestsAtAnswerQuestionAreWaitingForTheirRequester() {
        String definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey(SUB)
                .latestVersion().singleResult().getId();
        long before = queries.waitingForRequester().get(SUB);
        String id = "answer-" + java.util.UUID.randomUUID();
        jdbc.update("INSERT INTO ACT_RU_TASK (ID_, REV_, PROC_DEF_ID_, NAME_, TASK_DEF_KEY_, ASSIGNEE_, PRIORITY_,"
                + " CREATE_TIME_, SUSPENSION_STATE_) VALUES (?, 1, ?, 'Répondre', ?, 'alice', 50, ?, 1)", id,
                definition, MetricsElements.ANSWER_QUESTION, Timestamp.valueOf(LocalDateTime.of(2001, 3, 6, 12, 0)));
        try {
            assertThat(queries.waitingForRequester().get(SUB)).isEqualTo(before + 1);
            assertThat(queries.keyFigures(Instant.now(), Duration.ofHours(24)).waitingRequester())
                    .isEqualTo(taskService.createTaskQuery().taskDefinitionKey(MetricsElements.ANSWER_QUESTION).count())
                    .isGreaterThanOrEqualTo(before + 1);
        } finally {
            jdbc.update("DELETE FROM ACT_RU_TASK WHERE ID_ = ?", id);
        }
    }

    @Test
    void usualDelayIsTheMedianInWorkingDaysOfTheLastNinetyDays() {
        var delays = usualDelays.at(local(LocalDateTime.of(2001, 3, 31, 12, 0)));
        // A: 2..21 h, D1: 8 − 3 = 5 h, D2: 4 − 1 = 3 h, all on working days: the median of 22 is 10.5 h
        assertThat(delays.get(SUB).requests()).isEqualTo(22);
        assertThat(delays.get(SUB).medianWorkingDays()).isCloseTo(10.5 / 24, within(1e-9));
        assertThat(delays.get(SUB).roundedDays()).contains(0L);
        // C: 3..11 h
        assertThat(delays.get(DCK).medianWorkingDays()).isCloseTo(7.0 / 24, within(1e-9));
        // nothing done: not measured
        assertThat(delays.get("request-matomo").measured()).isFalse();
        // in June only D is within 90 days: two requests are too few
        assertThat(usualDelays.at(local(LocalDateTime.of(2001, 6, 1, 12, 0))).get(SUB).measured()).isFalse();
    }

    @Test
    void theNightlyCleanupDeletesTheRowsTheHistoryNoLongerHolds() {
        String orphan = "orphan-" + java.util.UUID.randomUUID();
        jdbc.update("INSERT INTO guichet_request_report (proc_inst_id, req_type, created_at) VALUES (?, ?, ?)", orphan,
                SUB, Timestamp.valueOf("2000-01-04 10:00:00"));
        Object[] year = { Timestamp.valueOf("2001-01-01 00:00:00"), Timestamp.valueOf("2002-01-01 00:00:00") };
        String count2001 = "SELECT COUNT(*) FROM guichet_request_report WHERE created_at >= ? AND created_at < ?";
        long before = jdbc.queryForObject(count2001, Long.class, year);
        assertThat(cleanup.purge()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM guichet_request_report WHERE proc_inst_id = ?",
                Long.class, orphan)).isZero();
        assertThat(jdbc.queryForObject(count2001, Long.class, year)).isEqualTo(before).isEqualTo(44);
    }

    private static Instant local(LocalDateTime time) {
        return time.atZone(ZoneId.systemDefault()).toInstant();
    }

    private static Duration hours(double hours) {
        return Duration.ofMillis(Math.round(hours * 3_600_000));
    }
}
