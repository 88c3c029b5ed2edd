package fr.beta.guichet.provider.sentry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import fr.beta.guichet.provider.InMemorySandboxStore;
import fr.beta.guichet.provider.ProviderTransports;
import fr.beta.guichet.provider.SandboxStore;

/** One client in both modes: over the sandbox fake by default, over Camunda Connect in live mode with settings. */
class SentryConfigurationTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SentryProperties.class)
    static class Properties {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withBean(SandboxStore.class, InMemorySandboxStore::new)
            .withBean(ProviderTransports.class)
            .withUserConfiguration(Properties.class, SentryConfiguration.class);

    @Test
    void sandboxModeAnswersFromTheFakeWithItsOwnTokenWhateverTheEnvironmentSays() {
        context.withPropertyValues("guichet.sentry.mode=", "guichet.sentry.token=SENTINEL-from-env",
                "guichet.sentry.base-url=https://sentry.example.org").run(ctx -> {
                    SentryClient client = ctx.getBean(SentryClient.class);
                    assertThat(ctx.getBean(ProviderTransports.class).sandboxFakes()).singleElement()
                            .isInstanceOf(SentryFakeApi.class);
                    assertThat(client.isTeamMember(SentryFakeApi.SEEDED_MEMBER, SentryFakeApi.SEEDED_TEAM)).isTrue();
                });
    }

    @Test
    void liveModeBuildsTheClientOnCamundaConnectWithoutAFake() {
        context.withPropertyValues("guichet.sentry.mode=LIVE", "guichet.sentry.organization=betagouv",
                "guichet.sentry.token=sntrys_x").run(ctx -> {
                    assertThat(ctx).hasSingleBean(SentryHttpClient.class);
                    assertThat(ctx.getBean(ProviderTransports.class).sandboxFakes()).isEmpty();
                    assertThat(ctx.getBean(SentryProperties.class).baseUrl())
                            .isEqualTo(SentryProperties.DEFAULT_BASE_URL);
                });
    }

    @Test
    void liveModeWithoutTheTokenFailsAtStartupNamingTheVariable() {
        context.withPropertyValues("guichet.sentry.mode=live", "guichet.sentry.organization=betagouv")
                .run(ctx -> assertThat(ctx).hasFailed().getFailure().rootCause()
                        .hasMessage("Sentry live mode needs settings; missing: guichet.sentry.token (SENTRY_TOKEN)"));
    }
}
