-- Issue 21 (items 10 and 11). requested_by: who filed the request that gave the access (null for an access an admin
-- registered), so that « Mes accès » can list the accesses a person asked for others. invitation_pending: an access
-- given by an invitation the holder has yet to accept (Docker Hub), shown « invitation envoyée » until accepted.
ALTER TABLE guichet_access_grant ADD COLUMN requested_by VARCHAR(64);
ALTER TABLE guichet_access_grant ADD COLUMN invitation_pending BOOLEAN DEFAULT FALSE NOT NULL;
CREATE INDEX guichet_access_grant_requester ON guichet_access_grant (requested_by);
