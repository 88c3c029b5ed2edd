-- State of the sandbox providers: each in-process fake of a provider's HTTP API keeps its resources here as JSON
-- documents, so that the demo survives restarts and every node of a cluster sees the same provider.
-- guichet_sandbox_api: one row per fake; the row is locked for the length of one fake call (calls to one API are
-- serialized across nodes, as a real API would order them) and numbers the documents.
CREATE TABLE guichet_sandbox_api (
    api      VARCHAR(32) NOT NULL PRIMARY KEY,
    next_seq BIGINT      NOT NULL
);

CREATE TABLE guichet_sandbox_document (
    api        VARCHAR(32)     NOT NULL,
    collection VARCHAR(64)     NOT NULL,
    id         VARCHAR(255)    NOT NULL,
    seq        BIGINT          NOT NULL,
    body       VARCHAR(1000000) NOT NULL,
    created_at TIMESTAMP       NOT NULL,
    updated_at TIMESTAMP       NOT NULL,
    PRIMARY KEY (api, collection, id)
);

CREATE INDEX guichet_sandbox_document_seq ON guichet_sandbox_document (api, collection, seq);
