package fr.beta.guichet.grants;

/** Where an access stands: still there, taken back by Guichet Ops, or found already absent at the provider. */
public enum GrantState {
    ACTIVE, REVOKED, GONE
}
