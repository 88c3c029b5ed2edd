package fr.beta.guichet.provider.mail;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import fr.beta.guichet.provider.dimail.DimailClient;
import fr.beta.guichet.provider.dimail.DimailProperties;
import fr.beta.guichet.provider.ovh.EmailDomainClient;

/** The one {@link MailProvider} bean, on the provider {@code guichet.mailboxes.provider} names. */
@Configuration(proxyBeanMethods = false)
class MailProviderConfiguration {

    @Bean
    DimailDeletions dimailDeletions(JdbcTemplate jdbc) {
        return new DimailDeletions(jdbc);
    }

    @Bean
    MailProvider mailProvider(MailSettings settings, ObjectProvider<EmailDomainClient> ovh,
            ObjectProvider<DimailClient> dimail, DimailProperties dimailProperties, DimailDeletions deletions) {
        return switch (settings.provider()) {
            case OVH -> new OvhMailProvider(ovh.getObject(), settings.domain());
            case DIMAIL -> new DimailMailProvider(dimail.getObject(), settings.domain(), deletions,
                    dimailProperties.deletionGrace());
        };
    }
}
