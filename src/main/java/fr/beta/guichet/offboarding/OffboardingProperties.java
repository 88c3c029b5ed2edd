package fr.beta.guichet.offboarding;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param reminders    how long before the departure the person is reminded ({@code P7D,P1D}: J-7 and J-1)
 * @param mailboxGrace how long after the departure a mailbox to revoke is deleted (its owner's mail stays readable
 *                     and can be redirected meanwhile); see README « Départs »
 * @param verifyChecks how many times a revocation is read back before it goes to its group by hand
 */
@ConfigurationProperties("guichet.offboarding")
public record OffboardingProperties(List<Duration> reminders, Duration mailboxGrace, int verifyChecks) {

    public OffboardingProperties {
        reminders = reminders == null ? List.of(Duration.ofDays(7), Duration.ofDays(1)) : List.copyOf(reminders);
        mailboxGrace = mailboxGrace == null ? Duration.ofDays(30) : mailboxGrace;
        verifyChecks = verifyChecks <= 0 ? 30 : verifyChecks;
    }
}
