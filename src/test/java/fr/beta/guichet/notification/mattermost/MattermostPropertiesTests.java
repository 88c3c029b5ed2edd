package fr.beta.guichet.notification.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;

import fr.beta.guichet.provider.ProviderMode;
import org.junit.jupiter.api.Test;

class MattermostPropertiesTests {

    private static final String TOKEN = "pzi4c7zra9sqonmb8pjdt6a1ty";

    @Test
    void defaultsToSandboxWithTimeouts() {
        var properties = MattermostProperties.sandbox();

        assertThat(properties.mode()).isEqualTo(ProviderMode.SANDBOX);
        assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void liveModeNamesEachMissingSetting() {
        assertThatThrownBy(() -> new MattermostProperties(ProviderMode.LIVE,
                URI.create("https://mattermost.incubateur.net"), " ", null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("guichet.mattermost.mode=live requires "
                        + "guichet.mattermost.token, guichet.mattermost.channel-id");
    }

    @Test
    void toStringHidesTheToken() {
        var properties = new MattermostProperties(ProviderMode.LIVE, URI.create("https://mattermost.incubateur.net"),
                TOKEN, "xe1tg9iboq6c8cg78enqowm3sc", null, null);

        assertThat(properties.toString())
                .doesNotContain(TOKEN)
                .contains("token=<hidden>", "https://mattermost.incubateur.net", "xe1tg9iboq6c8cg78enqowm3sc");
    }
}
