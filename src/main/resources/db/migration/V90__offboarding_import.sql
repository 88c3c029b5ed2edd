-- Departures planned from a CSV of the incubator's member directory (issue 24): one row per person and date, written
-- in the transaction that starts the departure. Rerunning a file, or two admins confirming the same one at once, never
-- plans a departure twice: the second insert fails on the primary key and its departure is rolled back.
CREATE TABLE guichet_offboarding_import (
    person_email   VARCHAR(254) NOT NULL,
    departure_date DATE         NOT NULL,
    reference      VARCHAR(32)  NOT NULL,
    imported_by    VARCHAR(64)  NOT NULL,
    imported_at    TIMESTAMP    NOT NULL,
    PRIMARY KEY (person_email, departure_date)
);
