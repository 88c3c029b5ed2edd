package fr.beta.guichet.offboarding;

import fr.beta.guichet.request.spi.StoredValue;

/**
 * Where one revocation stands after « Relire chez le fournisseur » ({@link OffboardingProcess#REVOCATION_STATE}),
 * as the model's gateway reads it ({@code ${revocationState == 'gone'}}).
 */
enum RevocationState implements StoredValue {
    /** Read back absent at the provider. */
    GONE("gone"),
    /** Still there: wait and read again. */
    PENDING("pending"),
    /** Still there after every read: revoked by hand. */
    FAILED("failed");

    private final String value;

    RevocationState(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }
}
