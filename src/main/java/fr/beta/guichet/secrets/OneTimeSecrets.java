package fr.beta.guichet.secrets;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * One secret per request reference, encrypted at rest in {@code guichet_one_time_secret}. Stored in its own
 * transaction before the provider call, so that a retried job hands the provider the same secret and the requester
 * receives the one that was really set.
 */
@Component
public class OneTimeSecrets {

    private static final Logger log = LoggerFactory.getLogger(OneTimeSecrets.class);

    private final JdbcTemplate jdbc;
    private final SecretCipher cipher;
    private final SecretsProperties properties;
    private final Clock clock;

    OneTimeSecrets(JdbcTemplate jdbc, SecretCipher cipher, SecretsProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.properties = properties;
        this.clock = clock;
    }

    /** The secret already filed under this reference, or this new one once filed. Committed at once. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public String fileOnce(String reference, String candidate) {
        Optional<String> existing = peek(reference);
        if (existing.isPresent()) {
            return existing.get();
        }
        var sealed = cipher.seal(reference, candidate);
        try {
            jdbc.update("INSERT INTO guichet_one_time_secret (reference, iv, ciphertext, created_at) VALUES (?, ?, ?, ?)",
                    reference, sealed.iv(), sealed.ciphertext(), Timestamp.from(clock.instant()));
            return candidate;
        } catch (DuplicateKeyException concurrent) {
            return peek(reference).orElseThrow();
        }
    }

    public boolean isAvailable(String reference) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM guichet_one_time_secret WHERE reference = ?",
                Integer.class, reference);
        return count != null && count > 0;
    }

    /** Shows the secret once: it is deleted in the same transaction. Empty when already shown or purged. */
    @Transactional
    public Optional<String> reveal(String reference) {
        Optional<String> secret = peek(reference);
        int deleted = jdbc.update("DELETE FROM guichet_one_time_secret WHERE reference = ?", reference);
        return deleted == 1 ? secret : Optional.empty();
    }

    Optional<String> peek(String reference) {
        List<CipherRow> rows = jdbc.query("SELECT iv, ciphertext FROM guichet_one_time_secret WHERE reference = ?",
                (rs, i) -> new CipherRow(rs.getBytes(1), rs.getBytes(2)), reference);
        return rows.stream().findFirst().map(row -> cipher.open(reference, new SecretCipher.Sealed(row.iv(), row.ciphertext())));
    }

    /** Secrets nobody came to read are deleted after the retention period (7 days by default). */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    public int purgeExpired() {
        var limit = Timestamp.from(clock.instant().minus(properties.retention()));
        int purged = jdbc.update("DELETE FROM guichet_one_time_secret WHERE created_at < ?", limit);
        if (purged > 0) {
            log.info("Purged {} one-time secret(s) older than {}", purged, properties.retention());
        }
        return purged;
    }

    private record CipherRow(byte[] iv, byte[] ciphertext) {
    }
}
