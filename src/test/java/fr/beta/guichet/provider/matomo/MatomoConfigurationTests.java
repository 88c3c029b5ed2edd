package fr.beta.guichet.provider.matomo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import fr.beta.guichet.provider.InMemorySandboxStore;
import fr.beta.guichet.provider.ProviderTransports;
import fr.beta.guichet.provider.SandboxStore;

class MatomoConfigurationTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(MatomoProperties.class)
    @Import(ProviderTransports.class)
    static class Wiring {
        @Bean
        SandboxStore store() {
            return new InMemorySandboxStore();
        }

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Wiring.class, MatomoConfiguration.class);

    @Test
    void sandboxWhenModeIsMissingOrEmptyTheLiveClientOnTheFakeWithItsOwnToken() {
        for (String mode : new String[] {"guichet.matomo.other=x", "guichet.matomo.mode=", "guichet.matomo.mode=Sandbox"}) {
            context.withPropertyValues(mode, "guichet.matomo.token=configured-but-unused").run(ctx -> {
                assertThat(ctx).getBean(MatomoClient.class).isInstanceOf(MatomoHttpClient.class);
                assertThat(ctx.getBean(ProviderTransports.class).sandboxFakes())
                        .singleElement().isInstanceOf(MatomoFakeApi.class);
                // the client reaches the fake with the sandbox's token: the configured one is never sent
                MatomoClient matomo = ctx.getBean(MatomoClient.class);
                assertThat(matomo.userExists(MatomoFakeApi.SEED_LOGIN)).isTrue();
            });
        }
    }

    @Test
    void liveClientWhenModeIsLiveInAnyCase() {
        context.withPropertyValues("guichet.matomo.mode=LIVE", "guichet.matomo.base-url=https://stats.beta.gouv.fr",
                "guichet.matomo.token=t0k3n")
                .run(ctx -> {
                    assertThat(ctx).getBean(MatomoClient.class).isInstanceOf(MatomoHttpClient.class);
                    assertThat(ctx.getBean(ProviderTransports.class).sandboxFakes()).isEmpty();
                });
    }

    @Test
    void liveModeWithoutTokenFailsAtStartupNamingTheVariableWithoutPrintingSecrets() {
        context.withPropertyValues("guichet.matomo.mode=live", "guichet.matomo.base-url=https://stats.beta.gouv.fr")
                .run(ctx -> assertThat(ctx).hasFailed().getFailure()
                        .rootCause()
                        .hasMessageContaining("Matomo live mode needs settings")
                        .hasMessageContaining("MATOMO_TOKEN"));
    }
}
