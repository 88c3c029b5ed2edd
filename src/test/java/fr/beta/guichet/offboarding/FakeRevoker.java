package fr.beta.guichet.offboarding;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

import fr.beta.guichet.grants.AccessGrant;
import fr.beta.guichet.grants.AccessRevoker;
import fr.beta.guichet.provider.ProviderRejectedException;
import fr.beta.guichet.provider.ProviderUnavailableException;

/**
 * The revocation port of a test provider (kind {@value #KIND}): holds accesses by provider id, refuses or fails on
 * demand, and can remove asynchronously (gone only after some reads), like OVH.
 */
@Component
public class FakeRevoker implements AccessRevoker {

    public static final String KIND = "test-provider";

    private final Set<String> present = ConcurrentHashMap.newKeySet();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> readsBeforeGone = new ConcurrentHashMap<>();
    private final AtomicInteger outages = new AtomicInteger();
    private final AtomicInteger revokeCalls = new AtomicInteger();

    @Override
    public String kind() {
        return KIND;
    }

    public void add(String providerId) {
        present.add(providerId);
    }

    public boolean holds(String providerId) {
        return present.contains(providerId);
    }

    /** Removed by hand at the provider. */
    public void removeByHand(String providerId) {
        present.remove(providerId);
    }

    public void refuse(String providerId) {
        refused.add(providerId);
    }

    /** The next {@code count} calls (reads and writes) fail with a 503. */
    public void failNext(int count) {
        outages.set(count);
    }

    /** After its removal, the access still reads as present {@code reads} times. */
    public void slow(String providerId, int reads) {
        readsBeforeGone.put(providerId, new AtomicInteger(reads));
    }

    public int revokeCalls() {
        return revokeCalls.get();
    }

    public void reset() {
        present.clear();
        refused.clear();
        readsBeforeGone.clear();
        outages.set(0);
        revokeCalls.set(0);
    }

    @Override
    public void revoke(AccessGrant grant) {
        outage();
        revokeCalls.incrementAndGet();
        if (refused.contains(grant.providerId())) {
            throw new ProviderRejectedException(KIND, "403 permission denied");
        }
        present.remove(grant.providerId());
    }

    @Override
    public boolean isGone(AccessGrant grant) {
        outage();
        AtomicInteger slow = readsBeforeGone.get(grant.providerId());
        if (slow != null && !present.contains(grant.providerId()) && slow.getAndDecrement() > 0) {
            return false;
        }
        return !present.contains(grant.providerId());
    }

    private void outage() {
        if (outages.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new ProviderUnavailableException(KIND, "503 Service Unavailable");
        }
    }
}
