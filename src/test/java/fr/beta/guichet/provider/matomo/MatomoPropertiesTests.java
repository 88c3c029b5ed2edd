package fr.beta.guichet.provider.matomo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import fr.beta.guichet.provider.ProviderMode;

class MatomoPropertiesTests {

    @Test
    void defaultsToSandboxWithShortTimeouts() {
        var properties = new MatomoProperties(null, null, null, null, null);

        assertThat(properties.mode()).isEqualTo(ProviderMode.SANDBOX);
        assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThatNoException().isThrownBy(properties::requireLiveCredentials);
    }

    @Test
    void liveModeWithoutTokenNamesWhatIsMissing() {
        var properties = new MatomoProperties(ProviderMode.LIVE, URI.create("https://stats.beta.gouv.fr"), "", null,
                null);

        assertThatThrownBy(properties::requireLiveCredentials)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Matomo live mode needs settings; missing: guichet.matomo.token (MATOMO_TOKEN)");
    }

    @Test
    void toStringNeverPrintsTheToken() {
        var properties = new MatomoProperties(ProviderMode.LIVE, URI.create("https://stats.beta.gouv.fr"),
                "theSecretToken", null, null);

        assertThat(properties.toString()).doesNotContain("theSecretToken")
                .contains("token=(set)", "mode=LIVE", "https://stats.beta.gouv.fr");
    }

    @Test
    void sandboxModeUsesItsOwnUrlAndTokenLiveModeTheConfiguredOnes() {
        var sandbox = new MatomoProperties(ProviderMode.SANDBOX, URI.create("https://stats.beta.gouv.fr"), "real",
                null, null).effective();
        assertThat(sandbox.baseUrl()).isEqualTo(MatomoProperties.SANDBOX_BASE_URL);
        assertThat(sandbox.token()).isEqualTo(MatomoProperties.SANDBOX_TOKEN);

        var live = new MatomoProperties(ProviderMode.LIVE, URI.create("https://stats.beta.gouv.fr"), "real", null,
                null);
        assertThat(live.effective()).isSameAs(live);
    }
}
