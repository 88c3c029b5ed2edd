package fr.beta.guichet.metrics;

import fr.beta.guichet.request.variables.ClaimDecision;
import fr.beta.guichet.request.variables.LifecycleElements;
import fr.beta.guichet.request.variables.RequestVariables;

/**
 * Where the per-request figures come from: the reporting table {@code guichet_request_report} (what the page
 * reads), or the same columns computed from the engine's history tables (what the table is backfilled from, and
 * checked against in the tests). Both give the columns {@link #COLUMNS}.
 */
enum RequestReportSource {

    /** {@code guichet_request_report}, kept by {@link RequestReportHandler}. */
    TABLE,
    /** {@code ACT_HI_PROCINST}, {@code ACT_HI_ACTINST}, {@code ACT_HI_VARINST}: the former way, one join per figure. */
    HISTORY;

    static final String COLUMNS = "proc_inst_id, req_type, created_at, ended_at, end_state, duration_ms, "
            + "first_claim_at, claim_ended_at, claim_assignee, claim_decision, claim_ms, reminders, escalations, "
            + "waits, wait_ms, wait_before_claim_ms, waiting_since";

    /** A FROM item (table or derived table) with the {@link #COLUMNS}, to be given an alias. */
    String rows(MetricsDialect dialect) {
        return this == TABLE ? RequestReportHandler.TABLE : "(" + historyRows(dialect) + ")";
    }

    /** The report's columns from the history, one row per process instance of any definition. */
    static String historyRows(MetricsDialect dialect) {
        String claims = """
                SELECT PROC_INST_ID_ AS pid, MIN(START_TIME_) AS first_claim_at, MAX(END_TIME_) AS claim_ended_at
                FROM ACT_HI_ACTINST WHERE ACT_ID_ = '%s' GROUP BY PROC_INST_ID_""".formatted(LifecycleElements.CLAIM);
        return """
                SELECT p.ID_ AS proc_inst_id, p.PROC_DEF_KEY_ AS req_type, p.START_TIME_ AS created_at,
                  p.END_TIME_ AS ended_at, p.END_ACT_ID_ AS end_state, p.DURATION_ AS duration_ms,
                  c.first_claim_at, c.claim_ended_at,
                  (SELECT MAX(a.ASSIGNEE_) FROM ACT_HI_ACTINST a WHERE a.PROC_INST_ID_ = p.ID_ AND a.ACT_ID_ = '%1$s'
                     AND a.END_TIME_ = c.claim_ended_at) AS claim_assignee,
                  d.decision AS claim_decision,
                  %2$s - COALESCE(w.before_claim_end_ms, 0) AS claim_ms,
                  COALESCE(t.reminders, 0) AS reminders, COALESCE(t.escalations, 0) AS escalations,
                  COALESCE(w.waits, 0) AS waits, COALESCE(w.wait_ms, 0) AS wait_ms,
                  COALESCE(w.before_claim_end_ms, 0)
                    + CASE WHEN d.decision = '%3$s' THEN 0 ELSE COALESCE(w.after_claim_end_ms, 0) END
                    AS wait_before_claim_ms,
                  w.waiting_since
                FROM ACT_HI_PROCINST p
                LEFT JOIN (%4$s) c ON c.pid = p.ID_
                LEFT JOIN (SELECT PROC_INST_ID_ AS pid, MAX(TEXT_) AS decision FROM ACT_HI_VARINST
                           WHERE NAME_ = '%5$s' GROUP BY PROC_INST_ID_) d ON d.pid = p.ID_
                LEFT JOIN (SELECT PROC_INST_ID_ AS pid,
                             SUM(CASE WHEN ACT_ID_ = '%6$s' THEN 1 ELSE 0 END) AS reminders,
                             SUM(CASE WHEN ACT_ID_ = '%7$s' THEN 1 ELSE 0 END) AS escalations
                           FROM ACT_HI_ACTINST WHERE ACT_ID_ IN ('%6$s', '%7$s') GROUP BY PROC_INST_ID_) t
                  ON t.pid = p.ID_
                LEFT JOIN (SELECT q.PROC_INST_ID_ AS pid, COUNT(*) AS waits, SUM(q.DURATION_) AS wait_ms,
                             MAX(CASE WHEN q.END_TIME_ IS NULL THEN q.START_TIME_ END) AS waiting_since,
                             SUM(CASE WHEN q.END_TIME_ <= qc.claim_ended_at THEN q.DURATION_ END) AS before_claim_end_ms,
                             SUM(CASE WHEN qc.claim_ended_at IS NULL OR q.END_TIME_ > qc.claim_ended_at
                                 THEN q.DURATION_ END) AS after_claim_end_ms
                           FROM ACT_HI_ACTINST q LEFT JOIN (%4$s) qc ON qc.pid = q.PROC_INST_ID_
                           WHERE q.ACT_ID_ = '%8$s' GROUP BY q.PROC_INST_ID_) w ON w.pid = p.ID_
                """.formatted(LifecycleElements.CLAIM, dialect.millisBetween("c.first_claim_at", "c.claim_ended_at"),
                ClaimDecision.TAKE.value(), claims, RequestVariables.CLAIM_DECISION.nameInSql(),
                LifecycleElements.REMINDER_TIMER, LifecycleElements.ESCALATION_TIMER, MetricsElements.ANSWER_QUESTION);
    }
}
