package fr.beta.guichet.metrics;

import java.sql.Timestamp;
import java.util.Date;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;

import fr.beta.guichet.request.read.RequestTypes;
import fr.beta.guichet.request.variables.ClaimDecision;
import fr.beta.guichet.request.variables.LifecycleElements;
import fr.beta.guichet.request.variables.RequestVariables;

/**
 * Keeps {@code guichet_request_report} (one row per request) up to date from the engine's history events, next to
 * the engine's own database handler (the engine composes them). It runs inside the command that produced the
 * event: its statements use the engine's Spring-managed transaction and connection, so a command that rolls back
 * (optimistic locking, a failed job) leaves no figure behind, and a committed one leaves its figure. Every update
 * is one relative statement ({@code reminders = reminders + 1}), never a read-modify-write.
 * <p>
 * What it records, and the history rows {@link RequestReportSource#HISTORY} reads for the same figure:
 * <ul>
 * <li>process instance start / end: type, creation, end, end event, duration ({@code ACT_HI_PROCINST});</li>
 * <li>{@code claim} starts and ends: first start, latest end, its assignee, and the time to claim = first start
 * → latest end, less the waits for the requester finished before ({@code ACT_HI_ACTINST});</li>
 * <li>{@code claimDecision} ({@code ACT_HI_VARINST});</li>
 * <li>reminder and escalation timers fired, and the waits at {@code answer-question} ({@code ACT_HI_ACTINST}).</li>
 * </ul>
 * Only the public history SPI is used: {@link HistoryEventHandler} and the event classes it receives.
 */
class RequestReportHandler implements HistoryEventHandler {

    static final String TABLE = "guichet_request_report";

    private final JdbcTemplate jdbc;
    private final MetricsDialect dialect;
    private final ObjectProvider<RequestTypes> types;
    private volatile Set<String> keys;

    RequestReportHandler(JdbcTemplate jdbc, MetricsDialect dialect, ObjectProvider<RequestTypes> types) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.types = types;
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
        events.forEach(this::handleEvent);
    }

    @Override
    public void handleEvent(HistoryEvent event) {
        if (event.getProcessInstanceId() == null) {
            return;
        }
        String key = event.getProcessDefinitionKey();
        if (key != null && !requestKeys().contains(key)) {
            return;
        }
        if (event instanceof HistoricProcessInstanceEventEntity process) {
            processInstance(process);
        } else if (event instanceof HistoricActivityInstanceEventEntity activity) {
            activity(activity);
        } else if (event instanceof HistoricVariableUpdateEventEntity variable) {
            variable(variable);
        }
    }

    private void processInstance(HistoricProcessInstanceEventEntity event) {
        String id = event.getProcessInstanceId();
        if (event.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_START) && event.getProcessDefinitionKey() != null) {
            // a row the startup backfill already wrote (it only sees committed instances) is kept
            Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM " + TABLE + " WHERE proc_inst_id = ?",
                    Integer.class, id);
            if (known == null || known == 0) {
                jdbc.update("INSERT INTO " + TABLE + " (proc_inst_id, req_type, created_at) VALUES (?, ?, ?)", id,
                        event.getProcessDefinitionKey(), ts(event.getStartTime()));
            }
        } else if (event.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_END) && event.getEndTime() != null) {
            // an end event of an instance loaded from the database has no start time, hence no duration
            Timestamp ended = ts(event.getEndTime());
            jdbc.update("UPDATE " + TABLE + " SET ended_at = ?, end_state = ?, duration_ms = COALESCE(CAST(? AS BIGINT), "
                    + dialect.millisBetween("created_at", "?") + ") WHERE proc_inst_id = ?",
                    ended, event.getEndActivityId(), event.getDurationInMillis(), ended, id);
        }
    }

    private void activity(HistoricActivityInstanceEventEntity event) {
        String id = event.getProcessInstanceId();
        String activity = event.getActivityId();
        boolean start = event.isEventOfType(HistoryEventTypes.ACTIVITY_INSTANCE_START);
        boolean end = event.isEventOfType(HistoryEventTypes.ACTIVITY_INSTANCE_END);
        if (LifecycleElements.CLAIM.equals(activity)) {
            if (start) {
                jdbc.update("UPDATE " + TABLE + " SET first_claim_at = COALESCE(first_claim_at, ?) WHERE proc_inst_id = ?",
                        ts(event.getStartTime()), id);
            }
            if (event.getTaskAssignee() != null) {
                jdbc.update("UPDATE " + TABLE + " SET claim_assignee = ? WHERE proc_inst_id = ?",
                        event.getTaskAssignee(), id);
            }
            if (end && event.getEndTime() != null) {
                Timestamp ended = ts(event.getEndTime());
                jdbc.update("UPDATE " + TABLE + " SET claim_ended_at = ?, claim_ms = "
                        + dialect.millisBetween("first_claim_at", "?") + " - wait_before_claim_ms WHERE proc_inst_id = ?",
                        ended, ended, id);
            }
        } else if (start && LifecycleElements.REMINDER_TIMER.equals(activity)) {
            jdbc.update("UPDATE " + TABLE + " SET reminders = reminders + 1 WHERE proc_inst_id = ?", id);
        } else if (start && LifecycleElements.ESCALATION_TIMER.equals(activity)) {
            jdbc.update("UPDATE " + TABLE + " SET escalations = escalations + 1 WHERE proc_inst_id = ?", id);
        } else if (MetricsElements.ANSWER_QUESTION.equals(activity)) {
            if (start) {
                jdbc.update("UPDATE " + TABLE + " SET waits = waits + 1, waiting_since = ? WHERE proc_inst_id = ?",
                        ts(event.getStartTime()), id);
            } else if (end && event.getEndTime() != null) {
                Timestamp ended = ts(event.getEndTime());
                String waited = "COALESCE(CAST(? AS BIGINT), " + dialect.millisBetween("waiting_since", "?") + ", 0)";
                Long duration = event.getDurationInMillis();
                jdbc.update("UPDATE " + TABLE + " SET wait_ms = wait_ms + " + waited + ","
                        + " wait_before_claim_ms = wait_before_claim_ms + CASE WHEN claim_decision = ? THEN 0 ELSE "
                        + waited + " END, waiting_since = NULL WHERE proc_inst_id = ?",
                        duration, ended, ClaimDecision.TAKE.value(), duration, ended, id);
            }
        }
    }

    private void variable(HistoricVariableUpdateEventEntity event) {
        if (!RequestVariables.CLAIM_DECISION.hasName(event.getVariableName())
                || !(event.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_CREATE)
                        || event.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_UPDATE))) {
            return;
        }
        jdbc.update("UPDATE " + TABLE + " SET claim_decision = ? WHERE proc_inst_id = ?", event.getTextValue(),
                event.getProcessInstanceId());
    }

    private Set<String> requestKeys() {
        if (keys == null) {
            keys = Set.copyOf(types.getObject().processKeys());
        }
        return keys;
    }

    private static Timestamp ts(Date date) {
        return date == null ? null : new Timestamp(date.getTime());
    }
}
