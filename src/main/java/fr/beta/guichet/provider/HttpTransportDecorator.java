package fr.beta.guichet.provider;

/**
 * Wraps the transport of every provider built by {@link ProviderTransports}, in the order of the beans. The
 * application defines none: tests use it to inject faults (a 500, a 429, a timeout, an answer lost after the write)
 * around the sandbox fakes, or to count calls.
 */
@FunctionalInterface
public interface HttpTransportDecorator {

    HttpTransport decorate(HttpTransport transport);
}
