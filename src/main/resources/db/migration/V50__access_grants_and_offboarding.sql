-- Access registry (issue 13): one row per access given to a person, written when its request is done (unique per
-- request reference, so a retried job never writes two) or registered by an admin for an access that predates
-- Guichet Ops (request_reference NULL, registered_by set).
CREATE TABLE guichet_access_grant (
    id                VARCHAR(36)  NOT NULL PRIMARY KEY,
    person_email      VARCHAR(254) NOT NULL,
    person_user       VARCHAR(64),
    kind              VARCHAR(32)  NOT NULL,
    resource_group    VARCHAR(64)  NOT NULL,
    resource          VARCHAR(400) NOT NULL,
    provider_id       VARCHAR(400) NOT NULL,
    access_level      VARCHAR(32)  NOT NULL,
    granted_at        TIMESTAMP    NOT NULL,
    request_reference VARCHAR(32),
    registered_by     VARCHAR(64),
    state             VARCHAR(16)  NOT NULL,
    state_changed_at  TIMESTAMP,
    CONSTRAINT guichet_access_grant_request UNIQUE (request_reference)
);

CREATE INDEX guichet_access_grant_person ON guichet_access_grant (person_email, state);
CREATE INDEX guichet_access_grant_group ON guichet_access_grant (resource_group, state);

-- One departure (offboarding process) and, per access of the person, what happens to it.
CREATE TABLE guichet_offboarding (
    reference      VARCHAR(32)  NOT NULL PRIMARY KEY,
    person_email   VARCHAR(254) NOT NULL,
    departure_at   TIMESTAMP    NOT NULL,
    started_by     VARCHAR(64)  NOT NULL,
    started_at     TIMESTAMP    NOT NULL,
    state          VARCHAR(16)  NOT NULL,
    ended_at       TIMESTAMP
);

CREATE INDEX guichet_offboarding_person ON guichet_offboarding (person_email, state);

-- decision: REVOKE (at the departure), KEEP (not touched), KEEP_DAYS (revoked keep_days after the departure).
-- revoke_at: when the access must be gone (NULL when kept); outcome: REVOKED, GONE (already absent), MANUAL (done by
-- an admin after a refusal), NULL while pending.
CREATE TABLE guichet_offboarding_item (
    reference   VARCHAR(32)  NOT NULL,
    grant_id    VARCHAR(36)  NOT NULL,
    decision    VARCHAR(16)  NOT NULL,
    keep_days   INTEGER,
    revoke_at   TIMESTAMP,
    outcome     VARCHAR(16),
    outcome_at  TIMESTAMP,
    handled_by  VARCHAR(64),
    PRIMARY KEY (reference, grant_id)
);

CREATE INDEX guichet_offboarding_item_grant ON guichet_offboarding_item (grant_id);
