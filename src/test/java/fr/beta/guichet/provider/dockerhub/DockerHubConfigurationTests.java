package fr.beta.guichet.provider.dockerhub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class DockerHubConfigurationTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(DockerHubProperties.class)
    static class Properties {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, DockerHubConfiguration.class);

    @Test
    void sandboxWhenModeIsMissingEmptyOrAnyCase() {
        context.run(ctx -> assertThat(ctx).getBean(DockerHubClient.class).isInstanceOf(SandboxDockerHub.class));
        context.withPropertyValues("guichet.dockerhub.mode=").run(ctx -> assertThat(ctx)
                .getBean(DockerHubClient.class).isInstanceOf(SandboxDockerHub.class));
        context.withPropertyValues("guichet.dockerhub.mode=Sandbox").run(ctx -> assertThat(ctx)
                .getBean(DockerHubClient.class).isInstanceOf(SandboxDockerHub.class));
    }

    @Test
    void liveClientWhenModeIsLiveWithCredentials() {
        context.withPropertyValues("guichet.dockerhub.mode=LIVE", "guichet.dockerhub.organization=betagouv",
                "guichet.dockerhub.identifier=guichetbot", "guichet.dockerhub.secret=dckr_pat_x")
                .run(ctx -> {
                    assertThat(ctx).getBean(DockerHubClient.class).isInstanceOf(DockerHubApiClient.class);
                    assertThat(ctx).doesNotHaveBean(SandboxDockerHub.class);
                    assertThat(ctx.getBean(DockerHubProperties.class).baseUrl())
                            .isEqualTo(DockerHubProperties.DEFAULT_BASE_URL);
                });
    }

    @Test
    void liveModeWithoutCredentialsFailsAtStartupNamingWhatIsMissing() {
        context.withPropertyValues("guichet.dockerhub.mode=live", "guichet.dockerhub.organization=betagouv")
                .run(ctx -> assertThat(ctx).hasFailed().getFailure().rootCause()
                        .hasMessage("Docker Hub live mode needs credentials; missing: "
                                + "guichet.dockerhub.identifier, guichet.dockerhub.secret"));
    }
}
