package fr.beta.guichet.provider;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One resource held by a {@link FakeApi}: a zone record, a mailbox, a chat post…
 *
 * @param collection the kind of resource, e.g. {@code record}, {@code account}
 * @param id         its identifier at the fake, unique in the collection
 * @param seq        creation order in the API (increasing)
 * @param body       the resource as JSON (a copy: change it and {@link SandboxStore.Collection#save} it)
 */
public record SandboxDocument(String collection, String id, long seq, ObjectNode body, Instant createdAt,
        Instant updatedAt) {
}
