package fr.beta.guichet.provider.ovh;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class OvhConfigurationTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(OvhProperties.class)
    static class Properties {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, OvhConfiguration.class);

    @Test
    void sandboxWhenModeIsMissingOrEmpty() {
        context.run(ctx -> {
            assertThat(ctx).getBean(DnsZoneClient.class).isInstanceOf(SandboxDnsZone.class);
            assertThat(ctx).doesNotHaveBean(OvhApi.class);
        });
        context.withPropertyValues("guichet.ovh.mode=").run(ctx -> assertThat(ctx)
                .getBean(DnsZoneClient.class).isInstanceOf(SandboxDnsZone.class));
    }

    @Test
    void liveClientWhenModeIsLiveWithCredentials() {
        context.withPropertyValues("guichet.ovh.mode=live", "guichet.ovh.application-key=ak",
                "guichet.ovh.application-secret=as", "guichet.ovh.consumer-key=ck")
                .run(ctx -> {
                    assertThat(ctx).getBean(DnsZoneClient.class).isInstanceOf(OvhDnsClient.class);
                    assertThat(ctx).hasSingleBean(OvhApi.class).doesNotHaveBean(SandboxDnsZone.class);
                });
    }

    @Test
    void liveModeWithoutCredentialsFailsAtStartup() {
        context.withPropertyValues("guichet.ovh.mode=LIVE", "guichet.ovh.application-key=ak")
                .run(ctx -> assertThat(ctx).hasFailed().getFailure()
                        .rootCause()
                        .hasMessageContaining("OVH live mode needs credentials")
                        .hasMessageContaining("OVH_APPLICATION_SECRET"));
    }
}
