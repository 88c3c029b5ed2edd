package fr.beta.guichet.provider.ovh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.HashMap;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import org.junit.jupiter.api.Test;

import fr.beta.guichet.provider.InMemorySandboxStore;
import fr.beta.guichet.provider.ProviderTransports;
import fr.beta.guichet.provider.ProviderUnavailableException;
import fr.beta.guichet.provider.SandboxStore;
import fr.beta.guichet.provider.SandboxTransport;
import fr.beta.guichet.support.FaultyTransport;

class OvhConfigurationTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({OvhProperties.class, OvhDomains.class})
    @Import(ProviderTransports.class)
    static class Infrastructure {
        @Bean
        SandboxStore sandboxStore() {
            return new InMemorySandboxStore();
        }

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        FaultyTransport faults() {
            return new FaultyTransport();
        }
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Infrastructure.class, OvhConfiguration.class);

    @Test
    void sandboxWhenModeIsMissingOrEmptyRunsTheLiveClientsOnTheFake() {
        for (String mode : new String[] {"guichet.ovh.other=x", "guichet.ovh.mode="}) {
            context.withPropertyValues(mode).run(ctx -> {
                assertThat(ctx).getBean(DnsZoneClient.class).isInstanceOf(OvhDnsClient.class);
                assertThat(ctx).getBean(EmailDomainClient.class).isInstanceOf(OvhEmailClient.class);
                var transports = ctx.getBean(ProviderTransports.class);
                assertThat(transports.sandboxFakes()).singleElement().isInstanceOf(OvhFakeApi.class);
                assertThat(ctx.getBean(DnsZoneClient.class).findRecords("beta.gouv.fr", "www", null)).hasSize(1);
            });
        }
    }

    /** Sandbox mode signs with the sandbox's own keys, and the fake checks them: a tampered signature fails. */
    @Test
    void sandboxModeRunsTheSignatureCode() {
        context.withPropertyValues("guichet.ovh.application-secret=theRealSecretNeverGoesToTheFake").run(ctx -> {
            var faults = ctx.getBean(FaultyTransport.class);
            var dns = ctx.getBean(DnsZoneClient.class);

            dns.refreshZone("beta.gouv.fr");
            var refresh = faults.calls("ovh").get(faults.calls("ovh").size() - 1).request();
            long timestamp = Long.parseLong(refresh.header("X-Ovh-Timestamp"));
            assertThat(refresh.url()).startsWith(OvhProperties.SANDBOX_ENDPOINT.toString());
            assertThat(refresh.header("X-Ovh-Application")).isEqualTo(OvhProperties.SANDBOX_APPLICATION_KEY);
            assertThat(refresh.header("X-Ovh-Signature")).isEqualTo(OvhSignature.sign(
                    OvhProperties.SANDBOX_APPLICATION_SECRET, OvhProperties.SANDBOX_CONSUMER_KEY, "POST", refresh.url(),
                    "", timestamp));

            SandboxTransport sandbox = (SandboxTransport) ctx.getBean(ProviderTransports.class).sandboxFakes().stream()
                    .findFirst().map(f -> new SandboxTransport("ovh", f, ctx.getBean(SandboxStore.class))).orElseThrow();
            faults.answerNext("ovh", FaultyTransport.writes(), r -> {
                var headers = new HashMap<>(r.headers());
                headers.put("X-Ovh-Signature", "$1$" + "0".repeat(40));
                return sandbox.send(r.method(), r.url(), headers, r.body());
            }, 1);
            assertThatThrownBy(() -> dns.refreshZone("beta.gouv.fr"))
                    .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("Invalid signature");
        });
    }

    @Test
    void zoneAndMailDomainComeFromConfiguration() {
        context.withPropertyValues("guichet.ovh.dns-zone=startups.example.org",
                "guichet.ovh.mail-domain=mail.example.org").run(ctx -> {
                    assertThat(ctx.getBean(DnsZoneClient.class).findRecords("startups.example.org", "www", null))
                            .hasSize(1);
                    assertThat(ctx.getBean(EmailDomainClient.class).findAccount("mail.example.org", "contact"))
                            .isPresent();
                    assertThatThrownBy(() -> ctx.getBean(DnsZoneClient.class).findRecords("beta.gouv.fr", "www",
                            null)).isInstanceOf(fr.beta.guichet.provider.ProviderRejectedException.class);
                });
    }

    @Test
    void sandboxEmailDelayIsConfigurable() {
        context.withPropertyValues("guichet.ovh.sandbox-email-delay=0s").run(ctx -> {
            assertThat(ctx.getBean(OvhProperties.class).sandboxEmailDelay()).isZero();
            var email = ctx.getBean(EmailDomainClient.class);
            email.createAccount("beta.gouv.fr", "sans.attente", "Motdepasse-42", null);
            assertThat(email.findAccount("beta.gouv.fr", "sans.attente")).isPresent();
        });
        context.run(ctx -> {
            var email = ctx.getBean(EmailDomainClient.class);
            email.createAccount("beta.gouv.fr", "avec.attente", "Motdepasse-42", null);
            assertThat(email.findAccount("beta.gouv.fr", "avec.attente")).isEmpty();
        });
    }

    @Test
    void liveClientWhenModeIsLiveWithCredentials() {
        context.withPropertyValues("guichet.ovh.mode=live", "guichet.ovh.application-key=ak",
                "guichet.ovh.application-secret=as", "guichet.ovh.consumer-key=ck")
                .run(ctx -> {
                    assertThat(ctx).getBean(DnsZoneClient.class).isInstanceOf(OvhDnsClient.class);
                    assertThat(ctx).getBean(EmailDomainClient.class).isInstanceOf(OvhEmailClient.class);
                    assertThat(ctx.getBean(ProviderTransports.class).sandboxFakes()).isEmpty();
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
