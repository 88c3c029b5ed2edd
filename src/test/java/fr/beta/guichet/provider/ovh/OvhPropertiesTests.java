package fr.beta.guichet.provider.ovh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import fr.beta.guichet.provider.ProviderMode;

class OvhPropertiesTests {

    @Test
    void defaultsToSandboxOnOvhEurope() {
        var properties = new OvhProperties(null, null, null, null, null, null, null, null);

        assertThat(properties.mode()).isEqualTo(ProviderMode.SANDBOX);
        assertThat(properties.endpoint()).hasToString("https://eu.api.ovh.com/1.0");
        assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.sandboxEmailDelay()).isEqualTo(Duration.ofSeconds(10));
        assertThatNoException().isThrownBy(properties::requireLiveCredentials);
    }

    @Test
    void liveModeWithoutCredentialsNamesWhatIsMissing() {
        var properties = new OvhProperties(ProviderMode.LIVE, null, "ak", "", null, null, null, null);

        assertThatThrownBy(properties::requireLiveCredentials)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("OVH live mode needs credentials; missing: guichet.ovh.application-secret "
                        + "(OVH_APPLICATION_SECRET), guichet.ovh.consumer-key (OVH_CONSUMER_KEY)");
    }

    @Test
    void toStringNeverPrintsCredentials() {
        var properties = new OvhProperties(ProviderMode.LIVE, null, "theAppKey", "theSecret", "theConsumer", null,
                null, null);

        assertThat(properties.toString())
                .doesNotContain("theAppKey", "theSecret", "theConsumer")
                .contains("applicationSecret=(set)", "mode=LIVE");
    }

    @Test
    void sandboxModeUsesItsOwnEndpointAndKeysLiveModeTheConfiguredOnes() {
        var sandbox = new OvhProperties(ProviderMode.SANDBOX, null, "realKey", "realSecret", "realConsumer", null,
                null, Duration.ofSeconds(3)).effective();
        assertThat(sandbox.endpoint()).isEqualTo(OvhProperties.SANDBOX_ENDPOINT);
        assertThat(sandbox.applicationKey()).isEqualTo(OvhProperties.SANDBOX_APPLICATION_KEY);
        assertThat(sandbox.applicationSecret()).isEqualTo(OvhProperties.SANDBOX_APPLICATION_SECRET);
        assertThat(sandbox.consumerKey()).isEqualTo(OvhProperties.SANDBOX_CONSUMER_KEY);
        assertThat(sandbox.sandboxEmailDelay()).isEqualTo(Duration.ofSeconds(3));

        var live = new OvhProperties(ProviderMode.LIVE, null, "realKey", "realSecret", "realConsumer", null, null,
                null);
        assertThat(live.effective()).isSameAs(live);
    }
}
