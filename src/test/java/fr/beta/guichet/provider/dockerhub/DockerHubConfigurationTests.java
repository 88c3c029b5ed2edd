package fr.beta.guichet.provider.dockerhub;

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

class DockerHubConfigurationTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(DockerHubProperties.class)
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
            .withUserConfiguration(Wiring.class, DockerHubConfiguration.class);

    @Test
    void sandboxWhenModeIsMissingEmptyOrAnyCaseWithTheConfiguredOrganization() {
        for (String mode : new String[] {"guichet.dockerhub.other=x", "guichet.dockerhub.mode=",
                "guichet.dockerhub.mode=Sandbox"}) {
            context.withPropertyValues(mode, "guichet.dockerhub.organization=incubateur",
                    "guichet.dockerhub.secret=configured-but-unused").run(ctx -> {
                        assertThat(ctx).getBean(DockerHubClient.class).isInstanceOf(DockerHubApiClient.class);
                        assertThat(ctx.getBean(ProviderTransports.class).sandboxFakes()).singleElement()
                                .isInstanceOf(DockerHubFakeApi.class);
                        // the client gets a token with the sandbox's own credentials, for the configured org
                        assertThat(ctx.getBean(DockerHubClient.class).teamExists("developers")).isTrue();
                        var fake = (DockerHubFakeApi) ctx.getBean(ProviderTransports.class).sandboxFakes().get(0);
                        assertThat(fake.sandboxTables()).allSatisfy(t -> assertThat(t.captionArgument())
                                .isEqualTo("incubateur"));
                    });
        }
    }

    @Test
    void sandboxWithoutOrganizationNamesTheVariable() {
        context.withPropertyValues("guichet.dockerhub.organization=").run(ctx -> assertThat(ctx).hasFailed()
                .getFailure().rootCause().hasMessageContaining("DOCKERHUB_ORGANIZATION"));
    }

    @Test
    void liveClientWhenModeIsLiveWithCredentials() {
        context.withPropertyValues("guichet.dockerhub.mode=LIVE", "guichet.dockerhub.organization=betagouv",
                "guichet.dockerhub.identifier=guichetbot", "guichet.dockerhub.secret=dckr_pat_x")
                .run(ctx -> {
                    assertThat(ctx).getBean(DockerHubClient.class).isInstanceOf(DockerHubApiClient.class);
                    assertThat(ctx.getBean(ProviderTransports.class).sandboxFakes()).isEmpty();
                    assertThat(ctx.getBean(DockerHubProperties.class).baseUrl())
                            .isEqualTo(DockerHubProperties.DEFAULT_BASE_URL);
                });
    }

    @Test
    void liveModeWithoutCredentialsFailsAtStartupNamingWhatIsMissing() {
        context.withPropertyValues("guichet.dockerhub.mode=live", "guichet.dockerhub.organization=betagouv")
                .run(ctx -> assertThat(ctx).hasFailed().getFailure().rootCause()
                        .hasMessage("Docker Hub live mode needs credentials; missing: "
                                + "guichet.dockerhub.identifier (DOCKERHUB_IDENTIFIER), "
                                + "guichet.dockerhub.secret (DOCKERHUB_TOKEN)"));
    }
}
