package fr.beta.guichet.provider;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where the {@link FakeApi}s keep their resources: JSON documents by API, collection and id. The application's
 * store is {@link JdbcSandboxStore} (its own tables, so the sandbox survives restarts and is shared by every node);
 * {@link InMemorySandboxStore} serves plain unit tests of a client against a fake.
 */
public interface SandboxStore {

    /**
     * Runs one call of a fake: calls to the same API are serialized (across nodes for the database store), and what
     * {@code work} wrote is durable when this returns. Nested calls join the outer one.
     */
    <T> T atomically(String api, Supplier<T> work);

    /** The next number of the API's own counter (1, 2, 3…): ids of created resources, task ids, event ids. */
    long nextNumber(String api);

    Optional<SandboxDocument> find(String api, String collection, String id);

    /** The documents of a collection, oldest first. */
    List<SandboxDocument> list(String api, String collection);

    /** Every document of an API, oldest first (the « Bac à sable » page). */
    List<SandboxDocument> listAll(String api);

    /** Creates or replaces a document. */
    void save(String api, String collection, String id, ObjectNode body);

    /** @return whether there was such a document */
    boolean delete(String api, String collection, String id);

    /** Forgets everything an API holds (tests, and the sandbox page's reset). */
    void clear(String api);

    /** A view of one collection of one API. */
    default Collection collection(String api, String collection) {
        return new Collection(this, api, collection);
    }

    /** One collection of one API, as a fake uses it. */
    record Collection(SandboxStore store, String api, String name) {

        public Optional<ObjectNode> find(String id) {
            return store.find(api, name, id).map(SandboxDocument::body);
        }

        public List<SandboxDocument> documents() {
            return store.list(api, name);
        }

        public List<ObjectNode> list() {
            return documents().stream().map(SandboxDocument::body).toList();
        }

        public void save(String id, ObjectNode body) {
            store.save(api, name, id, body);
        }

        public boolean delete(String id) {
            return store.delete(api, name, id);
        }
    }
}
