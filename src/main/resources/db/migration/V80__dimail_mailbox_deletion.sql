-- Dimail mailboxes suspended at a departure (issue 23), deleted once their grace period is over
-- (guichet.dimail.deletion-grace). One row per address; a later suspension of the same address starts it again.
CREATE TABLE guichet_dimail_deletion (
    domain       VARCHAR(253) NOT NULL,
    local_part   VARCHAR(64)  NOT NULL,
    suspended_at TIMESTAMP    NOT NULL,
    due_at       TIMESTAMP    NOT NULL,
    deleted_at   TIMESTAMP,
    attempts     INTEGER      NOT NULL,
    last_error   VARCHAR(400),
    CONSTRAINT guichet_dimail_deletion_pk PRIMARY KEY (domain, local_part)
);

CREATE INDEX guichet_dimail_deletion_due ON guichet_dimail_deletion (deleted_at, due_at);
