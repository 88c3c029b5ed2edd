package fr.beta.guichet.offboarding;

/** What happens to one access at the departure. */
public enum Decision {
    /** Taken back by the schedule: {@code guichet.offboarding.revoke-after} of its kind after the departure. */
    REVOKE,
    /** Taken back N days after the departure, as chosen on the form (0: on the departure date). */
    KEEP_DAYS,
    /** Not touched. */
    KEEP
}
