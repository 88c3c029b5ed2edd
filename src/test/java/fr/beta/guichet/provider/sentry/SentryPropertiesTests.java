package fr.beta.guichet.provider.sentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import fr.beta.guichet.provider.ProviderMode;

class SentryPropertiesTests {

    @Test
    void liveModeNamesTheMissingVariablesAndNeverPrintsTheToken() {
        var missing = new SentryProperties(ProviderMode.LIVE, null, "", "", null, null, null);
        assertThatThrownBy(missing::effective).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SENTRY_ORGANIZATION").hasMessageContaining("SENTRY_TOKEN");

        var live = new SentryProperties(ProviderMode.LIVE, null, "betagouv", "sntrys_secret", null, null, null);
        assertThat(live.effective().baseUrl()).isEqualTo(URI.create("https://sentry.io"));
        assertThat(live.effective().token()).isEqualTo("sntrys_secret");
        assertThat(live.toString()).doesNotContain("sntrys_secret").contains("token=(set)");
    }

    @Test
    void sandboxModeUsesItsOwnBaseUrlAndTokenWhateverTheEnvironmentSays() {
        var sandbox = new SentryProperties(null, URI.create("https://sentry.example.org"), null, "real-token", 5,
                Duration.ofSeconds(1), Duration.ofSeconds(2));
        SentryProperties effective = sandbox.effective();
        assertThat(effective.mode()).isEqualTo(ProviderMode.SANDBOX);
        assertThat(effective.baseUrl()).isEqualTo(SentryProperties.SANDBOX_BASE_URL);
        assertThat(effective.token()).isEqualTo(SentryProperties.SANDBOX_TOKEN);
        assertThat(effective.organization()).isEqualTo("betagouv");
        assertThat(effective.sandboxPageSize()).isEqualTo(5);
    }
}
