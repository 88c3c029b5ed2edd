package fr.beta.guichet.provider;

/**
 * How a provider is reached. {@code SANDBOX} (the default profile) is an in-process fake that behaves like the real
 * API and records what it did; {@code LIVE} calls the real API with credentials from environment variables.
 */
public enum ProviderMode {
    SANDBOX,
    LIVE
}
