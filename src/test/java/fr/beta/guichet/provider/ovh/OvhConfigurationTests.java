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
            assertThat(ctx).getBean(EmailDomainClient.class).isInstanceOf(SandboxEmailDomain.class);
            assertThat(ctx).doesNotHaveBean(OvhApi.class);
        });
        context.withPropertyValues("guichet.ovh.mode=").run(ctx -> {
            assertThat(ctx).getBean(DnsZoneClient.class).isInstanceOf(SandboxDnsZone.class);
            assertThat(ctx).getBean(EmailDomainClient.class).isInstanceOf(SandboxEmailDomain.class);
        });
    }

    @Test
    void sandboxEmailDelayIsConfigurable() {
        context.withPropertyValues("guichet.ovh.sandbox-email-delay=0s").run(ctx -> {
            assertThat(ctx.getBean(OvhProperties.class).sandboxEmailDelay()).isZero();
            var sandbox = ctx.getBean(SandboxEmailDomain.class);
            sandbox.createAccount(SandboxEmailDomain.DOMAIN, "sans.attente", "Motdepasse-42", null);
            assertThat(sandbox.findAccount(SandboxEmailDomain.DOMAIN, "sans.attente")).isPresent();
        });
        context.run(ctx -> {
            var sandbox = ctx.getBean(SandboxEmailDomain.class);
            sandbox.createAccount(SandboxEmailDomain.DOMAIN, "avec.attente", "Motdepasse-42", null);
            assertThat(sandbox.findAccount(SandboxEmailDomain.DOMAIN, "avec.attente")).isEmpty();
        });
    }

    @Test
    void liveClientWhenModeIsLiveWithCredentials() {
        context.withPropertyValues("guichet.ovh.mode=live", "guichet.ovh.application-key=ak",
                "guichet.ovh.application-secret=as", "guichet.ovh.consumer-key=ck")
                .run(ctx -> {
                    assertThat(ctx).getBean(DnsZoneClient.class).isInstanceOf(OvhDnsClient.class);
                    assertThat(ctx).getBean(EmailDomainClient.class).isInstanceOf(OvhEmailClient.class);
                    assertThat(ctx).hasSingleBean(OvhApi.class).doesNotHaveBean(SandboxDnsZone.class)
                            .doesNotHaveBean(SandboxEmailDomain.class);
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
