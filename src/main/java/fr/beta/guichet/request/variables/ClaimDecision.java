package fr.beta.guichet.request.variables;

import fr.beta.guichet.request.spi.StoredValue;

/** Outcome of {@code claim} ({@link RequestVariables#CLAIM_DECISION}), as the model's gateway reads it. */
public enum ClaimDecision implements StoredValue {
    /** « Je prends »: the admin becomes the executor ({@code ${claimDecision == 'take'}}). */
    TAKE("take"),
    /** « Rejeter », with a reason for the requester. */
    REJECT("reject"),
    /** « Demander une précision » to the requester. */
    ASK("ask");

    private final String value;

    ClaimDecision(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }
}
