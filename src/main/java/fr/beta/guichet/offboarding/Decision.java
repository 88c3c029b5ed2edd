package fr.beta.guichet.offboarding;

/** What happens to one access at the departure. */
public enum Decision {
    /** Taken back at the departure date (a mailbox: after the grace period). */
    REVOKE,
    /** Kept for N days after the departure, then taken back (e.g. a redirection to a personal address). */
    KEEP_DAYS,
    /** Not touched. */
    KEEP
}
