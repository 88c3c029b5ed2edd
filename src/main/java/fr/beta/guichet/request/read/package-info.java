/**
 * What people see of requests: the registry of the request types
 * ({@link fr.beta.guichet.request.read.RequestTypes}, by process key, by form path, by process definition) and the
 * read model built from Camunda's history in a fixed number of queries per page
 * ({@link fr.beta.guichet.request.read.RequestReadModel}): a request as shown
 * ({@link fr.beta.guichet.request.read.RequestView}), where it stands
 * ({@link fr.beta.guichet.request.read.RequestStatus}) and its timeline
 * ({@link fr.beta.guichet.request.read.TimelineStep}). Holds no secret.
 */
@org.springframework.modulith.NamedInterface("read")
package fr.beta.guichet.request.read;
