package fr.beta.guichet.request.spi;

/**
 * An enum whose constants are stored in the engine as fixed lowercase strings: the strings the models' conditions
 * compare with ({@code ${claimDecision == 'take'}}) and that running instances already hold. Never derived from the
 * constant's Java name, so that renaming a constant cannot change what is stored.
 *
 * @see fr.beta.guichet.request.variables.ProcessVariable#decision(String, Class)
 */
public interface StoredValue {

    /** The string written to the engine for this constant. */
    String value();
}
