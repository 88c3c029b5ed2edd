package fr.beta.guichet.request.variables;

import fr.beta.guichet.request.spi.StoredValue;

/**
 * Outcome of {@code execute-manually} ({@link RequestVariables#MANUAL_DECISION}), after a provider refusal, as the
 * model's gateway reads it.
 */
public enum ManualDecision implements StoredValue {
    /** The executor did the work by hand ({@code ${manualDecision == 'done'}}). */
    DONE("done"),
    /** « Rejeter », with a reason for the requester. */
    REJECT("reject"),
    /** « Demander une précision » to the requester. */
    ASK("ask");

    private final String value;

    ManualDecision(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }
}
