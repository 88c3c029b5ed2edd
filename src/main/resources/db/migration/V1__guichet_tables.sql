-- Guichet Ops' own tables (the engine manages its own schema). Idempotent on H2 and PostgreSQL.
CREATE TABLE IF NOT EXISTS guichet_reference_counter (
    prefix     VARCHAR(8) NOT NULL,
    ref_year   INTEGER    NOT NULL,
    last_value INTEGER    NOT NULL,
    PRIMARY KEY (prefix, ref_year)
);

-- One-time secrets (generated mailbox passwords), AES-GCM encrypted; deleted when shown or after 7 days.
CREATE TABLE IF NOT EXISTS guichet_one_time_secret (
    reference  VARCHAR(32)  NOT NULL PRIMARY KEY,
    iv         BYTEA        NOT NULL,
    ciphertext BYTEA        NOT NULL,
    created_at TIMESTAMP    NOT NULL
);
