-- Guichet Ops' own tables (the engine manages its own schema). Idempotent on H2 and PostgreSQL.
CREATE TABLE IF NOT EXISTS guichet_reference_counter (
    prefix     VARCHAR(8) NOT NULL,
    ref_year   INTEGER    NOT NULL,
    last_value INTEGER    NOT NULL,
    PRIMARY KEY (prefix, ref_year)
);
