package fr.beta.guichet.provider;

/**
 * A stateful, in-process fake of one provider's HTTP API: it answers what the real API answers (paths, JSON shapes,
 * status codes, error bodies, idempotency), checks what the real API checks (signature, token), and keeps its
 * resources in a {@link SandboxStore}. The same fake serves sandbox mode (through {@link SandboxTransport}) and the
 * tests of the live clients (in process, or over real HTTP where a socket-level fault is needed).
 * <p>
 * {@link #handle} is called inside {@link SandboxStore#atomically}: calls to one API are serialized, and what a
 * call wrote is durable once it has answered, as with a remote API. A fake never injects faults: tests do.
 */
public interface FakeApi {

    /** The name under which the fake keeps its state ({@code ovh}, {@code matomo}…). */
    String api();

    ProviderResponse handle(ProviderRequest request);
}
