package fr.beta.guichet.offboarding;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The incubator's schedule for leavers (README « Départs »).
 *
 * @param reminders    how long before the departure the person is reminded (default {@code P30D,P15D,P1D}: J-30,
 *                     J-15 and J-1)
 * @param revokeAfter  per kind of access ({@code mailbox}, {@code redirection}, {@code matomo}, {@code sentry}…),
 *                     how long after the departure its revocation starts; the key {@value #DEFAULT_KIND} for every
 *                     kind not listed. Defaults: {@code mailbox} {@code P5D} (suspended then), {@value #DEFAULT_KIND}
 *                     {@code P30D}. The departure form overrides it per access.
 * @param verifyChecks how many times a revocation is read back before it goes to its group by hand
 */
@ConfigurationProperties("guichet.offboarding")
public record OffboardingProperties(List<Duration> reminders, Map<String, Duration> revokeAfter,
        int verifyChecks) {

    /** The key of {@link #revokeAfter} for every kind without its own entry. */
    public static final String DEFAULT_KIND = "default";

    static final List<Duration> DEFAULT_REMINDERS = List.of(Duration.ofDays(30), Duration.ofDays(15), Duration.ofDays(1));
    static final Duration DEFAULT_MAILBOX = Duration.ofDays(5);
    static final Duration DEFAULT_OTHERS = Duration.ofDays(30);

    public OffboardingProperties {
        reminders = reminders == null ? DEFAULT_REMINDERS : List.copyOf(reminders);
        for (Duration reminder : reminders) {
            if (reminder.isNegative() || reminder.isZero()) {
                throw new IllegalArgumentException("guichet.offboarding.reminders: " + reminder
                        + " is not a duration before the departure (P30D, P15D…)");
            }
        }
        Map<String, Duration> schedule = new LinkedHashMap<>();
        schedule.put("mailbox", DEFAULT_MAILBOX);
        schedule.put(DEFAULT_KIND, DEFAULT_OTHERS);
        if (revokeAfter != null) {
            revokeAfter.forEach((kind, after) -> {
                if (after == null || after.isNegative()) {
                    throw new IllegalArgumentException("guichet.offboarding.revoke-after." + kind + ": " + after
                            + " is not a duration after the departure (P0D, P5D, P30D…)");
                }
                schedule.put(kind.toLowerCase(Locale.ROOT), after);
            });
        }
        revokeAfter = Map.copyOf(schedule);
        verifyChecks = verifyChecks <= 0 ? 30 : verifyChecks;
    }

    /** How long after the departure the revocation of an access of this kind starts, by the schedule. */
    public Duration revokeAfter(String kind) {
        Duration after = revokeAfter.get(kind == null ? DEFAULT_KIND : kind.toLowerCase(Locale.ROOT));
        return after == null ? revokeAfter.get(DEFAULT_KIND) : after;
    }

    /** {@link #revokeAfter(String)} in whole days, for the departure form (« J+5 »). */
    public long revokeAfterDays(String kind) {
        return revokeAfter(kind).toDays();
    }
}
