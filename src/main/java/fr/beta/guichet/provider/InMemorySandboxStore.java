package fr.beta.guichet.provider;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A {@link SandboxStore} in memory, for unit tests of a client against a {@link FakeApi}. Thread-safe. */
public class InMemorySandboxStore implements SandboxStore {

    private final Map<String, Map<String, SandboxDocument>> documents = new HashMap<>();
    private final Map<String, Long> counters = new HashMap<>();
    private final Clock clock;

    public InMemorySandboxStore() {
        this(Clock.systemUTC());
    }

    public InMemorySandboxStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized <T> T atomically(String api, Supplier<T> work) {
        return work.get();
    }

    @Override
    public synchronized long nextNumber(String api) {
        return counters.merge(api, 1L, Long::sum);
    }

    @Override
    public synchronized Optional<SandboxDocument> find(String api, String collection, String id) {
        return Optional.ofNullable(byApi(api).get(collection + "\n" + id)).map(InMemorySandboxStore::copy);
    }

    @Override
    public synchronized List<SandboxDocument> list(String api, String collection) {
        return listAll(api).stream().filter(d -> d.collection().equals(collection)).toList();
    }

    @Override
    public synchronized List<SandboxDocument> listAll(String api) {
        var all = new ArrayList<>(byApi(api).values());
        all.sort(Comparator.comparingLong(SandboxDocument::seq));
        return all.stream().map(InMemorySandboxStore::copy).toList();
    }

    @Override
    public synchronized void save(String api, String collection, String id, ObjectNode body) {
        String key = collection + "\n" + id;
        Instant now = clock.instant();
        SandboxDocument old = byApi(api).get(key);
        long seq = old == null ? nextNumber(api + "#seq") : old.seq();
        Instant created = old == null ? now : old.createdAt();
        byApi(api).put(key, new SandboxDocument(collection, id, seq, body.deepCopy(), created, now));
    }

    @Override
    public synchronized boolean delete(String api, String collection, String id) {
        return byApi(api).remove(collection + "\n" + id) != null;
    }

    @Override
    public synchronized void clear(String api) {
        documents.remove(api);
        counters.remove(api);
    }

    private Map<String, SandboxDocument> byApi(String api) {
        return documents.computeIfAbsent(api, a -> new HashMap<>());
    }

    private static SandboxDocument copy(SandboxDocument d) {
        return new SandboxDocument(d.collection(), d.id(), d.seq(), d.body().deepCopy(), d.createdAt(), d.updatedAt());
    }
}
