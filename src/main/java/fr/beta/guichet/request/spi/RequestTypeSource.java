package fr.beta.guichet.request.spi;

import java.util.List;
import java.util.Optional;

/**
 * Request types that are not Spring beans of their own but built at startup, e.g. from a configuration file (the
 * manual types of {@code fr.beta.guichet.manual}). The registry adds {@link #requestTypes()} to the type beans.
 * <p>
 * A type may leave the configuration while instances of it still run: {@link #retired} then gives a type that lets
 * them finish (describe, question, « fait », reject) though no new request can be filed.
 */
public interface RequestTypeSource {

    /** The types declared now. */
    List<? extends RequestType<?>> requestTypes();

    /** A type for running instances of a process key no longer declared; empty when the key is not this source's. */
    default Optional<RequestType<?>> retired(String processKey) {
        return Optional.empty();
    }

    /** The same, found by the form path (the requester's reply form of a question). */
    default Optional<RequestType<?>> retiredAt(String formPath) {
        return Optional.empty();
    }
}
