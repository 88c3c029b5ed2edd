package fr.beta.guichet.provider.dimail;

import java.time.Clock;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

import fr.beta.guichet.provider.HttpTransport;
import fr.beta.guichet.provider.ProviderTransports;
import fr.beta.guichet.provider.SandboxStore;
import fr.beta.guichet.provider.dimail.fake.DimailFakeApi;
import fr.beta.guichet.provider.mail.MailSettings;

/**
 * The {@link DimailClient} bean: {@link DimailHttpClient} in both modes, over Camunda Connect when
 * {@code guichet.dimail.mode=live} (settings checked at startup), over {@link DimailFakeApi} (state in the database,
 * hosting the mail domain of {@link MailSettings}) otherwise. Lazy: built only when Dimail is the mail provider (or
 * a test asks for it), so that {@code GUICHET_MAIL_PROVIDER=ovh} in production needs no {@code DIMAIL_*} settings.
 */
@Configuration(proxyBeanMethods = false)
class DimailConfiguration {

    @Bean
    @Lazy
    DimailHttpClient dimailClient(DimailProperties properties, ProviderTransports transports, SandboxStore store,
            Clock clock, MailSettings mail) {
        DimailProperties effective = properties.effective();
        HttpTransport transport = transports.transport(DimailClient.PROVIDER, properties.mode(),
                properties.connectTimeout(), properties.readTimeout(),
                () -> new DimailFakeApi(store, clock, new DimailFakeApi.Settings(effective.user(), effective.password(),
                        List.of(mail.domain()), properties.sandboxDelay(), properties.sandboxTokenLifetime())));
        return new DimailHttpClient(effective, transport, clock);
    }
}
