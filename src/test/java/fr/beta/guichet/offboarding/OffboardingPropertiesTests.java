package fr.beta.guichet.offboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The schedule's settings as Spring binds them: the incubator's defaults, and a deployment's own. */
class OffboardingPropertiesTests {

    @Test
    void withoutSettingsTheIncubatorsSchedule() {
        OffboardingProperties schedule = bind(Map.of("guichet.offboarding.verify-checks", "30"));
        assertThat(schedule.reminders()).containsExactly(Duration.ofDays(30), Duration.ofDays(15), Duration.ofDays(1));
        assertThat(schedule.revokeAfter("mailbox")).isEqualTo(Duration.ofDays(5));
        assertThat(schedule.revokeAfter("redirection")).isEqualTo(Duration.ofDays(30));
        assertThat(schedule.revokeAfter("sentry")).isEqualTo(Duration.ofDays(30));
        assertThat(schedule.revokeAfterDays("matomo")).isEqualTo(30);
    }

    @Test
    void aDeploymentSetsItsRemindersAndTheDelayOfEachKind() {
        OffboardingProperties schedule = bind(Map.of(
                "guichet.offboarding.reminders", "P10D,P2D",
                "guichet.offboarding.revoke-after.mailbox", "P3D",
                "guichet.offboarding.revoke-after.matomo", "P0D",
                "guichet.offboarding.revoke-after.default", "P14D"));
        assertThat(schedule.reminders()).isEqualTo(List.of(Duration.ofDays(10), Duration.ofDays(2)));
        assertThat(schedule.revokeAfter("mailbox")).isEqualTo(Duration.ofDays(3));
        assertThat(schedule.revokeAfter("matomo")).isZero();
        assertThat(schedule.revokeAfter("dockerhub")).as("not listed: the default").isEqualTo(Duration.ofDays(14));
    }

    @Test
    void aNegativeDelayOrReminderIsRefusedAtStartup() {
        assertThatThrownBy(() -> bind(Map.of("guichet.offboarding.revoke-after.sentry", "-P1D")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("revoke-after.sentry");
        assertThatThrownBy(() -> bind(Map.of("guichet.offboarding.reminders", "P0D")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("reminders");
    }

    private static OffboardingProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("guichet.offboarding", OffboardingProperties.class);
    }
}
