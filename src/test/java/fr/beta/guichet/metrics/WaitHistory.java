package fr.beta.guichet.metrics;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricScopeInstanceEvent;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.springframework.jdbc.core.JdbcTemplate;

import fr.beta.guichet.request.variables.ClaimDecision;
import fr.beta.guichet.request.variables.LifecycleElements;
import fr.beta.guichet.request.variables.RequestVariables;
import fr.beta.guichet.subdomain.SubdomainProcess;

/**
 * Requests that wait for their requester at {@code answer-question} (issue 14), before the models have that step:
 * each one written either as the engine's history rows ({@code ACT_HI_*}, as the benchmark does) or as the history
 * events the engine would send for it, in their order. Four subdomain requests created on Tuesday 2001-03-06 at
 * 09:0n (n = 1..4), times in hours after creation:
 * <ul>
 * <li>D1: claim 0–2 (an admin asks), waits 2–5, claim 5–6 taken by florian, done at 8: time to claim
 * 6 − 3 = 3 h, time to done 8 − 3 = 5 h, waited 3 h;</li>
 * <li>D2: claim 0–1 taken by julien, waits 2–3 (asked during the execution), done at 4: claim 1 h, done 3 h,
 * waited 1 h;</li>
 * <li>D3: claim 0–1, waits 1–6, claim 6–7 rejected by guillett: waited 5 h;</li>
 * <li>D4: claim 0–1, waits since 1, still open: waited, no finished wait.</li>
 * </ul>
 * March 2001: created 4, done 2, rejected 1, open 1, taken 2; time to claim median 2 h, 90 % 1 + 0.9 × 2 = 2.8 h;
 * time to done median 4 h, 90 % 4.8 h; 4 waited, median wait of 1, 3, 5 h = 3 h.
 */
final class WaitHistory {

    static final LocalDateTime DAY = LocalDateTime.of(2001, 3, 6, 9, 0);
    /**
     * Starter of these history-only instances: no real user, so that tests comparing a person's unfinished
     * historic instances with the running ones (SecurityTests) do not count D4, which has no runtime instance.
     */
    static final String GENERATED_REQUESTER = "historique-genere";

    record Interval(double from, Double to, String assignee) {
    }

    record Timeline(String name, int minute, List<Interval> claims, List<Interval> waits, String decision,
            Double decidedAt, Double endedAt, String endState) {
    }

    static final List<Timeline> REQUESTS = List.of(
            new Timeline("D1", 1, List.of(new Interval(0, 2d, null), new Interval(5, 6d, "florian")),
                    List.of(new Interval(2, 5d, null)), ClaimDecision.TAKE.value(), 6d, 8d, LifecycleElements.DONE),
            new Timeline("D2", 2, List.of(new Interval(0, 1d, "julien")), List.of(new Interval(2, 3d, null)),
                    ClaimDecision.TAKE.value(), 1d, 4d, LifecycleElements.DONE),
            new Timeline("D3", 3, List.of(new Interval(0, 1d, null), new Interval(6, 7d, "guillett")),
                    List.of(new Interval(1, 6d, null)), ClaimDecision.REJECT.value(), 7d, 7d, LifecycleElements.REJECTED),
            new Timeline("D4", 4, List.of(new Interval(0, 1d, null)), List.of(new Interval(1, null, null)), null, null,
                    null, null));

    private WaitHistory() {
    }

    /** The requests as history rows, {@code daysEarlier} days before {@link #DAY}; returns their ids. */
    static List<String> insertHistory(JdbcTemplate jdbc, int daysEarlier) {
        String key = SubdomainProcess.KEY;
        String def = jdbc.queryForObject("SELECT ID_ FROM ACT_RE_PROCDEF WHERE KEY_ = ? ORDER BY VERSION_ DESC",
                (rs, i) -> rs.getString(1), key).toString();
        List<String> ids = new ArrayList<>();
        for (Timeline t : REQUESTS) {
            String id = "wait-" + t.name() + "-" + UUID.randomUUID();
            ids.add(id);
            LocalDateTime created = created(t, daysEarlier);
            jdbc.update("INSERT INTO ACT_HI_PROCINST (ID_, PROC_INST_ID_, BUSINESS_KEY_, PROC_DEF_KEY_, PROC_DEF_ID_,"
                    + " START_TIME_, END_TIME_, DURATION_, START_USER_ID_, START_ACT_ID_, END_ACT_ID_, ROOT_PROC_INST_ID_,"
                    + " STATE_) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", id, id, "WAIT-" + t.name(), key, def, ts(created),
                    t.endedAt() == null ? null : ts(at(created, t.endedAt())),
                    t.endedAt() == null ? null : millis(t.endedAt()), GENERATED_REQUESTER,
                    LifecycleElements.START, t.endState(), id, t.endedAt() == null ? "ACTIVE" : "COMPLETED");
            int[] sequence = { 0 };
            for (Interval c : t.claims()) {
                activity(jdbc, key, def, id, LifecycleElements.CLAIM, "userTask", c, created, ++sequence[0]);
            }
            for (Interval w : t.waits()) {
                activity(jdbc, key, def, id, MetricsElements.ANSWER_QUESTION, "userTask", w, created, ++sequence[0]);
            }
            if (t.decision() != null) {
                jdbc.update("INSERT INTO ACT_HI_VARINST (ID_, PROC_DEF_KEY_, PROC_DEF_ID_, ROOT_PROC_INST_ID_,"
                        + " PROC_INST_ID_, EXECUTION_ID_, ACT_INST_ID_, NAME_, VAR_TYPE_, CREATE_TIME_, REV_, TEXT_, STATE_)"
                        + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", UUID.randomUUID().toString(), key, def, id, id, id, id,
                        RequestVariables.CLAIM_DECISION.name(), "string", ts(at(created, t.decidedAt())), 1,
                        t.decision(), "CREATED");
            }
        }
        return ids;
    }

    private static void activity(JdbcTemplate jdbc, String key, String def, String pid, String activityId,
            String type, Interval interval, LocalDateTime created, int sequence) {
        jdbc.update("INSERT INTO ACT_HI_ACTINST (ID_, PARENT_ACT_INST_ID_, PROC_DEF_KEY_, PROC_DEF_ID_,"
                + " ROOT_PROC_INST_ID_, PROC_INST_ID_, EXECUTION_ID_, ACT_ID_, ACT_NAME_, ACT_TYPE_, ASSIGNEE_,"
                + " START_TIME_, END_TIME_, DURATION_, ACT_INST_STATE_, SEQUENCE_COUNTER_)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", UUID.randomUUID().toString(), pid, key, def, pid, pid,
                pid, activityId, activityId, type, interval.assignee(), ts(at(created, interval.from())),
                interval.to() == null ? null : ts(at(created, interval.to())),
                interval.to() == null ? null : millis(interval.to() - interval.from()), interval.to() == null ? 0 : 4,
                sequence);
    }

    /** The requests as the engine's history events, in time order, under new ids; returns their ids. */
    static List<String> sendEvents(Consumer<HistoryEvent> handler, int daysEarlier) {
        List<String> ids = new ArrayList<>();
        for (Timeline t : REQUESTS) {
            String id = "event-" + t.name() + "-" + UUID.randomUUID();
            ids.add(id);
            LocalDateTime created = created(t, daysEarlier);
            List<Timed> events = new ArrayList<>();
            var start = process(id, HistoryEventTypes.PROCESS_INSTANCE_START, created, null, null);
            events.add(new Timed(0, 0, start));
            int order = 1;
            for (Interval c : t.claims()) {
                events.add(new Timed(c.from(), order++, activity(id, LifecycleElements.CLAIM,
                        HistoryEventTypes.ACTIVITY_INSTANCE_START, created, c.from(), null, null)));
                if (c.assignee() != null) {
                    events.add(new Timed(c.to() - 0.0001, order++, activity(id, LifecycleElements.CLAIM,
                            HistoryEventTypes.ACTIVITY_INSTANCE_UPDATE, created, c.from(), null, c.assignee())));
                }
                if (c.to() != null) {
                    // the decision is set as the task completes: its variable event comes first
                    events.add(new Timed(c.to(), order++ + 1000, activity(id, LifecycleElements.CLAIM,
                            HistoryEventTypes.ACTIVITY_INSTANCE_END, created, c.from(), c.to(), c.assignee())));
                }
            }
            for (Interval w : t.waits()) {
                events.add(new Timed(w.from(), order++, activity(id, MetricsElements.ANSWER_QUESTION,
                        HistoryEventTypes.ACTIVITY_INSTANCE_START, created, w.from(), null, null)));
                if (w.to() != null) {
                    events.add(new Timed(w.to(), order++, activity(id, MetricsElements.ANSWER_QUESTION,
                            HistoryEventTypes.ACTIVITY_INSTANCE_END, created, w.from(), w.to(), null)));
                }
            }
            if (t.decision() != null) {
                var variable = new HistoricVariableUpdateEventEntity();
                base(variable, id, HistoryEventTypes.VARIABLE_INSTANCE_CREATE);
                variable.setVariableName(RequestVariables.CLAIM_DECISION.name());
                variable.setTextValue(t.decision());
                events.add(new Timed(t.decidedAt(), order++, variable));
            }
            if (t.endedAt() != null) {
                events.add(new Timed(t.endedAt(), 10_000, process(id, HistoryEventTypes.PROCESS_INSTANCE_END, created,
                        at(created, t.endedAt()), t.endState())));
            }
            events.stream().sorted(Comparator.comparingDouble(Timed::hours).thenComparingInt(Timed::order))
                    .forEach(e -> handler.accept(e.event()));
        }
        return ids;
    }

    private record Timed(double hours, int order, HistoryEvent event) {
    }

    private static HistoricProcessInstanceEventEntity process(String id, HistoryEventTypes type,
            LocalDateTime created, LocalDateTime ended, String endState) {
        var event = new HistoricProcessInstanceEventEntity();
        base(event, id, type);
        times(event, created, ended);
        event.setEndActivityId(endState);
        return event;
    }

    private static HistoricActivityInstanceEventEntity activity(String id, String activityId, HistoryEventTypes type,
            LocalDateTime created, double from, Double to, String assignee) {
        var event = new HistoricActivityInstanceEventEntity();
        base(event, id, type);
        event.setActivityId(activityId);
        event.setTaskAssignee(assignee);
        times(event, at(created, from), to == null ? null : at(created, to));
        return event;
    }

    private static void base(HistoryEvent event, String id, HistoryEventTypes type) {
        event.setId(UUID.randomUUID().toString());
        event.setProcessInstanceId(id);
        event.setProcessDefinitionKey(SubdomainProcess.KEY);
        event.setEventType(type.getEventName());
    }

    private static void times(HistoricScopeInstanceEvent event, LocalDateTime start, LocalDateTime end) {
        event.setStartTime(date(start));
        if (end != null) {
            event.setEndTime(date(end));
            event.setDurationInMillis(end.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli()
                    - start.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli());
        }
    }

    static LocalDateTime created(Timeline t, int daysEarlier) {
        return DAY.plusMinutes(t.minute()).minusDays(daysEarlier);
    }

    private static LocalDateTime at(LocalDateTime created, double hours) {
        return created.plusSeconds(Math.round(hours * 3600));
    }

    private static long millis(double hours) {
        return Math.round(hours * 3_600_000);
    }

    private static Timestamp ts(LocalDateTime time) {
        return Timestamp.valueOf(time);
    }

    private static Date date(LocalDateTime time) {
        return Date.from(time.atZone(ZoneId.systemDefault()).toInstant());
    }
}
