-- Reporting table of the managers' metrics: one row per request (process instance of a request type), kept up to
-- date by RequestReportHandler in the engine's own transaction and backfilled from the history at startup
-- (RequestReportBackfill). Durations in milliseconds. Works on H2 and PostgreSQL.
CREATE TABLE IF NOT EXISTS guichet_request_report (
    proc_inst_id         VARCHAR(64)  NOT NULL PRIMARY KEY,
    req_type             VARCHAR(255) NOT NULL,
    created_at           TIMESTAMP    NOT NULL,
    ended_at             TIMESTAMP,
    -- id of the end event: done, rejected, cancelled (null while open)
    end_state            VARCHAR(255),
    duration_ms          BIGINT,
    first_claim_at       TIMESTAMP,
    -- end of the latest claim task; the take when claim_decision = 'take'
    claim_ended_at       TIMESTAMP,
    claim_assignee       VARCHAR(255),
    claim_decision       VARCHAR(64),
    -- first claim start to the latest claim end, less the waits for the requester that ended before it
    claim_ms             BIGINT,
    reminders            INTEGER      DEFAULT 0 NOT NULL,
    escalations          INTEGER      DEFAULT 0 NOT NULL,
    -- answer-question: times the request waited for its requester, time waited (finished waits), current wait
    waits                INTEGER      DEFAULT 0 NOT NULL,
    wait_ms              BIGINT       DEFAULT 0 NOT NULL,
    wait_before_claim_ms BIGINT       DEFAULT 0 NOT NULL,
    waiting_since        TIMESTAMP
);
CREATE INDEX IF NOT EXISTS guichet_report_created ON guichet_request_report (created_at);
CREATE INDEX IF NOT EXISTS guichet_report_claim_end ON guichet_request_report (claim_ended_at);
CREATE INDEX IF NOT EXISTS guichet_report_ended ON guichet_request_report (ended_at);
