-- Issue 26, actions from the ops room (fr.beta.guichet.chatactions). Works on H2 and PostgreSQL.
-- The room's reader: one row per room read. next_batch is the /sync token after the last batch handled; holder and
-- lease_until are the lease that lets one node at a time read (renewed before every long poll, taken over once
-- expired); the token is only written by the lease's holder.
CREATE TABLE IF NOT EXISTS guichet_chat_reader (
    reader      VARCHAR(300)  NOT NULL PRIMARY KEY,
    next_batch  VARCHAR(1000),
    holder      VARCHAR(100),
    lease_until TIMESTAMP,
    updated_at  TIMESTAMP
);
-- Every chat event acted on (or refused with an answer), once: its id is the primary key, so a redelivered event or
-- one read by two nodes finds its row and is not acted on again.
CREATE TABLE IF NOT EXISTS guichet_chat_event (
    event_id   VARCHAR(300) NOT NULL PRIMARY KEY,
    reference  VARCHAR(255),
    command    VARCHAR(32)  NOT NULL,
    sender     VARCHAR(300) NOT NULL,
    outcome    VARCHAR(100) NOT NULL,
    handled_at TIMESTAMP    NOT NULL
);
CREATE INDEX IF NOT EXISTS guichet_chat_event_at ON guichet_chat_event (handled_at);
