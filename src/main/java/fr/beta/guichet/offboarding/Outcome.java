package fr.beta.guichet.offboarding;

/** How a revocation ended. */
public enum Outcome {
    /** Removed through the provider's API and read back absent. */
    REVOKED,
    /** Already absent at the provider (removed by hand before): counts as done. */
    GONE,
    /** Refused by the provider (or never read back absent): an admin of the group did it by hand. */
    MANUAL
}
