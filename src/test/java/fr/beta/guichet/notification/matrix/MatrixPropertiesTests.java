package fr.beta.guichet.notification.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.api.Test;

import fr.beta.guichet.provider.ProviderMode;

class MatrixPropertiesTests {

    @Test
    void sandboxByDefaultWithItsOwnSettings() {
        var properties = new MatrixProperties(null, null, null, null, null, null);
        assertThat(properties.mode()).isEqualTo(ProviderMode.SANDBOX);
        assertThat(properties.effective().homeserverUrl()).isEqualTo(MatrixProperties.SANDBOX_URL);
        assertThat(properties.effective().roomId()).isEqualTo(MatrixProperties.SANDBOX_ROOM_ID);
    }

    @Test
    void liveModeNamesEachMissingVariable() {
        assertThatThrownBy(() -> new MatrixProperties(ProviderMode.LIVE, null, " ", null, null, null).requireLiveSettings())
                .hasMessageContaining("MATRIX_HOMESERVER_URL").hasMessageContaining("MATRIX_ACCESS_TOKEN")
                .hasMessageContaining("MATRIX_ROOM_ID");
        assertThatThrownBy(() -> new MatrixProperties(ProviderMode.LIVE, URI.create("https://matrix.example"), "t",
                null, null, null).requireLiveSettings()).hasMessage("guichet.matrix.mode=live requires MATRIX_ROOM_ID (guichet.matrix.room-id)");
    }

    @Test
    void liveSettingsAreOnlyRequiredWhenTheChatIsMatrix() {
        // bound whatever GUICHET_CHAT says: a Mattermost-only production must start without any MATRIX_* variable
        var unused = new MatrixProperties(ProviderMode.LIVE, null, null, null, null, null);
        assertThatThrownBy(unused::requireLiveSettings).hasMessageContaining("MATRIX_ROOM_ID");
    }

    @Test
    void toStringHidesTheToken() {
        var properties = new MatrixProperties(ProviderMode.LIVE, URI.create("https://matrix.example"), "syt_secret",
                "!room:example", null, null);
        assertThat(properties.toString()).doesNotContain("syt_secret").contains("<hidden>");
        assertThat(properties.effective()).isSameAs(properties);
    }
}
