package fr.beta.guichet.metrics;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.management.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import fr.beta.guichet.request.engine.EscalationProperties;
import fr.beta.guichet.request.read.RequestTypes;
import fr.beta.guichet.request.variables.LifecycleElements;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The requests' and the job executor's figures for Prometheus. They come from a few SQL counts, run at most once
 * per {@code guichet.metrics.gauge-refresh} whatever the number of scrapes or of series read in one scrape.
 * Counters that come from the history (escalations, reminders) and from the engine's own metrics (jobs) are
 * cumulative over the whole cluster, so every node reports the same value.
 */
@Component
class RequestGauges {

    /** The steps a request can wait at; {@code engine} = no user task (the engine or a provider is working). */
    static final List<String> STATES = List.of(LifecycleElements.CLAIM, LifecycleElements.EXECUTE_MANUALLY,
            LifecycleElements.CONFIRM, "engine");

    private static final Logger log = LoggerFactory.getLogger(RequestGauges.class);

    private final MetricsQueries queries;
    private final ManagementService managementService;
    private final EscalationProperties escalation;
    private final MetricsProperties properties;
    private final Clock clock;
    private volatile Snapshot snapshot;

    RequestGauges(MetricsQueries queries, ManagementService managementService, EscalationProperties escalation,
            MetricsProperties properties, Clock clock, MeterRegistry registry, RequestTypes types) {
        this.queries = queries;
        this.managementService = managementService;
        this.escalation = escalation;
        this.properties = properties;
        this.clock = clock;
        for (String type : types.processKeys()) {
            for (String state : STATES) {
                gauge(registry, "guichet.requests.open", "Open requests, by type and step", s -> s.open(type, state),
                        "type", type, "state", state);
            }
            gauge(registry, "guichet.requests.overdue", "Requests unclaimed for longer than the reminder delay",
                    s -> s.overdue().getOrDefault(type, 0L), "type", type);
            gauge(registry, "guichet.requests.waiting.requester", "Requests waiting for their requester's answer",
                    s -> s.waitingRequester().getOrDefault(type, 0L), "type", type);
            gauge(registry, "guichet.incidents.open", "Open incidents", s -> s.incidents().getOrDefault(type, 0L),
                    "type", type);
            counter(registry, "guichet.escalations", "Escalations to the managers fired (history kept)",
                    s -> s.escalations().getOrDefault(type, 0L), "type", type);
            counter(registry, "guichet.reminders", "Reminders to the access holders fired (history kept)",
                    s -> s.reminders().getOrDefault(type, 0L), "type", type);
        }
        gauge(registry, "guichet.jobs.executable", "Jobs due and with retries left", Snapshot::executableJobs);
        gauge(registry, "guichet.jobs.failed", "Jobs with no retries left (each one is an incident)",
                Snapshot::failedJobs);
        counter(registry, "guichet.jobs.successful", "Jobs executed successfully (engine metric job-successful)",
                Snapshot::jobsSuccessful);
        counter(registry, "guichet.jobs.execution.failed", "Job executions that failed (engine metric job-failed)",
                Snapshot::jobsFailed);
        counter(registry, "guichet.jobs.rejected", "Jobs the executor could not take (engine metric "
                + "job-execution-rejected)", Snapshot::jobsRejected);
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<Snapshot> value,
            String... tags) {
        Gauge.builder(name, this, g -> value.applyAsDouble(g.current())).description(description).tags(tags)
                .register(registry);
    }

    private void counter(MeterRegistry registry, String name, String description, ToDoubleFunction<Snapshot> value,
            String... tags) {
        FunctionCounter.builder(name, this, g -> value.applyAsDouble(g.current())).description(description)
                .tags(tags).register(registry);
    }

    /** The figures, read again from the database when older than the refresh delay. */
    synchronized Snapshot current() {
        Instant now = clock.instant();
        if (snapshot == null || now.isAfter(snapshot.takenAt().plus(properties.gaugeRefresh()))) {
            try {
                snapshot = read(now);
            } catch (RuntimeException e) {
                log.warn("Metrics gauges not refreshed: {}", e.getMessage());
                if (snapshot == null) {
                    snapshot = new Snapshot(now, List.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), 0, 0, 0, 0, 0);
                }
            }
        }
        return snapshot;
    }

    private Snapshot read(Instant now) {
        return new Snapshot(now, queries.openRequests(), queries.unclaimedSince(now.minus(escalation.reminderAfter())),
                queries.waitingForRequester(), queries.openIncidents(), queries.timersFired(LifecycleElements.ESCALATION_TIMER),
                queries.timersFired(LifecycleElements.REMINDER_TIMER),
                managementService.createJobQuery().executable().count(),
                managementService.createJobQuery().noRetriesLeft().count(),
                engineMetric(Metrics.JOB_SUCCESSFUL), engineMetric(Metrics.JOB_FAILED),
                engineMetric(Metrics.JOB_EXECUTION_REJECTED));
    }

    private long engineMetric(String name) {
        return managementService.createMetricsQuery().name(name).sum();
    }

    record Snapshot(Instant takenAt, List<MetricsQueries.OpenCount> openCounts, Map<String, Long> overdue,
            Map<String, Long> waitingRequester, Map<String, Long> incidents, Map<String, Long> escalations, Map<String, Long> reminders,
            long executableJobs, long failedJobs, long jobsSuccessful, long jobsFailed, long jobsRejected) {

        double open(String type, String state) {
            return openCounts.stream().filter(c -> c.type().equals(type) && c.state().equals(state))
                    .mapToLong(MetricsQueries.OpenCount::count).sum();
        }
    }
}
