package fr.beta.guichet.provider.matomo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class MatomoConfigurationTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(MatomoProperties.class)
    static class Properties {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, MatomoConfiguration.class);

    @Test
    void sandboxWhenModeIsMissingOrEmpty() {
        context.run(ctx -> assertThat(ctx).getBean(MatomoClient.class).isInstanceOf(SandboxMatomo.class));
        context.withPropertyValues("guichet.matomo.mode=").run(ctx -> assertThat(ctx)
                .getBean(MatomoClient.class).isInstanceOf(SandboxMatomo.class));
        context.withPropertyValues("guichet.matomo.mode=Sandbox").run(ctx -> assertThat(ctx)
                .getBean(MatomoClient.class).isInstanceOf(SandboxMatomo.class));
    }

    @Test
    void liveClientWhenModeIsLiveInAnyCase() {
        context.withPropertyValues("guichet.matomo.mode=LIVE", "guichet.matomo.base-url=https://stats.beta.gouv.fr",
                "guichet.matomo.token=t0k3n")
                .run(ctx -> {
                    assertThat(ctx).getBean(MatomoClient.class).isInstanceOf(MatomoHttpClient.class);
                    assertThat(ctx).doesNotHaveBean(SandboxMatomo.class);
                });
    }

    @Test
    void liveModeWithoutTokenFailsAtStartupWithoutPrintingSecrets() {
        context.withPropertyValues("guichet.matomo.mode=live", "guichet.matomo.base-url=https://stats.beta.gouv.fr")
                .run(ctx -> assertThat(ctx).hasFailed().getFailure()
                        .rootCause()
                        .hasMessageContaining("Matomo live mode needs settings")
                        .hasMessageContaining("GUICHET_MATOMO_TOKEN"));
    }
}
