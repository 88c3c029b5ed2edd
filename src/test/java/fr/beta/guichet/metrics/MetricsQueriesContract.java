package fr.beta.guichet.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.beta.guichet.dockerhub.DockerHubProcess;
import fr.beta.guichet.lifecycle.RequestStarter;
import fr.beta.guichet.lifecycle.RequestTasks;
import fr.beta.guichet.lifecycle.RequestTypes;
import fr.beta.guichet.subdomain.SubdomainProcess;
import fr.beta.guichet.support.JobDriver;

/**
 * Every figure of the metrics, on the history written by {@link MetricsScenario}, equals the answer worked out
 * by hand. {@code PERCENTILE_CONT} interpolates: the median of 1..20 h is 10.5 h, the 90th percentile of n sorted
 * values is at rank 0.9 × (n − 1), e.g. 18 h + 0.1 × (19 h − 18 h) = 18.1 h for 1..20 h. Run on H2 and PostgreSQL.
 */
abstract class MetricsQueriesContract {

    private static final String SUB = SubdomainProcess.KEY;
    private static final String DCK = DockerHubProcess.KEY;
    private static final LocalDate JAN = LocalDate.of(2001, 1, 1);
    private static final LocalDate FEB = LocalDate.of(2001, 2, 1);
    private static boolean generated;

    @Autowired MetricsQueries queries;
    @Autowired RequestStarter starter;
    @Autowired RequestTasks tasks;
    @Autowired RequestTypes types;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired JobDriver jobs;

    @BeforeEach
    void generateHistoryOnce() {
        synchronized (MetricsQueriesContract.class) {
            if (!generated) {
                new MetricsScenario(starter, tasks, types, runtimeService, taskService, managementService, jobs).run();
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

    private static Duration hours(double hours) {
        return Duration.ofMillis(Math.round(hours * 3_600_000));
    }
}
