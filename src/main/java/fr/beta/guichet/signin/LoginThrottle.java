package fr.beta.guichet.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.stereotype.Component;

/**
 * Failed password logins slow down further attempts of the same account <em>from the same client address</em>
 * (login form and {@code /engine-rest} Basic alike): after {@code freeAttempts} failures each further attempt must
 * wait, 30 s then doubled up to 15 min by default. Nobody else is affected — the account's owner signs in from their
 * own address as usual — unlike Camunda's account lock, which is turned off ({@code loginMaxAttempts},
 * {@code loginDelayBase} in application.yaml). A success forgets the failures. Kept in memory, per node.
 */
@Component
public class LoginThrottle {

    private static final int MAX_ENTRIES = 100_000;

    private final SignInProperties.Throttle settings;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    LoginThrottle(SignInProperties properties, Clock clock) {
        this.settings = properties.throttle();
        this.clock = clock;
    }

    /** Throws {@link Throttled} if this account may not be tried from this address yet. */
    public void check(String clientAddress, String userId) {
        Failures known = failures.get(key(clientAddress, userId));
        if (known != null && known.blockedUntil != null && clock.instant().isBefore(known.blockedUntil)) {
            throw new Throttled(known.blockedUntil);
        }
    }

    public void failed(String clientAddress, String userId) {
        if (failures.size() > MAX_ENTRIES) {
            Instant now = clock.instant();
            failures.values().removeIf(f -> f.blockedUntil == null || f.blockedUntil.isBefore(now.minus(settings.maxWait())));
        }
        failures.compute(key(clientAddress, userId), (k, f) -> {
            int count = f == null ? 1 : f.count + 1;
            Instant until = null;
            int over = count - settings.freeAttempts() + 1;
            if (over > 0) {
                Duration wait = settings.firstWait().multipliedBy(1L << Math.min(over - 1, 20));
                until = clock.instant().plus(wait.compareTo(settings.maxWait()) > 0 ? settings.maxWait() : wait);
            }
            return new Failures(count, until);
        });
    }

    public void succeeded(String clientAddress, String userId) {
        failures.remove(key(clientAddress, userId));
    }

    private static String key(String clientAddress, String userId) {
        return clientAddress + "|" + (userId == null ? "" : userId.strip().toLowerCase(Locale.ROOT));
    }

    private record Failures(int count, Instant blockedUntil) {
    }

    /** Too many failures: try again at {@link #retryAt()}. */
    public static class Throttled extends AuthenticationServiceException {

        private static final long serialVersionUID = 1L;
        private final transient Instant retryAt;

        Throttled(Instant retryAt) {
            super("Too many failed logins from this address for this account");
            this.retryAt = retryAt;
        }

        public Instant retryAt() {
            return retryAt;
        }
    }
}
