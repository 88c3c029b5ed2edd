package fr.beta.guichet.manual;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.HierarchicalMessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.AbstractMessageSource;

import fr.beta.guichet.request.read.RequestTypes;

/**
 * The texts of the declared types, which live in the catalogue file, not in the bundles: the pages ask for them by the
 * same keys as for the coded types ({@code type.<key>}, {@code home.<key>.title}, {@code .text}, {@code .delay},
 * {@code .category}). This source is the parent of the application's, so a bundle key always wins; a retired type
 * keeps its process definition's name.
 */
final class ManualMessages extends AbstractMessageSource {

    private final ObjectProvider<ManualTypes> types;
    private final ObjectProvider<RequestTypes> registry;

    ManualMessages(ObjectProvider<ManualTypes> types, ObjectProvider<RequestTypes> registry) {
        this.types = types;
        this.registry = registry;
    }

    @Override
    protected String resolveCodeWithoutArguments(String code, Locale locale) {
        if (code.startsWith("type." + ManualTypeDefinition.PROCESS_PREFIX)) {
            String key = code.substring("type.".length());
            return types.getObject().declared(key).map(ManualRequestType::name)
                    .or(() -> registry.getObject().byKey(key).map(t -> t.name()))
                    .orElse(null);
        }
        if (code.startsWith("home." + ManualTypeDefinition.PROCESS_PREFIX)) {
            String rest = code.substring("home.".length());
            int dot = rest.lastIndexOf('.');
            if (dot < 0) {
                return null;
            }
            Optional<ManualTypeDefinition> type = types.getObject().declared(rest.substring(0, dot))
                    .map(ManualRequestType::definition);
            return type.map(t -> switch (rest.substring(dot + 1)) {
                case "title" -> t.title();
                case "text" -> t.description();
                case "delay" -> t.delay();
                case "category" -> t.category();
                default -> null;
            }).orElse(null);
        }
        return null;
    }

    @Override
    protected MessageFormat resolveCode(String code, Locale locale) {
        String text = resolveCodeWithoutArguments(code, locale);
        return text == null ? null : createMessageFormat(text.replace("'", "''"), locale);
    }

    @Configuration(proxyBeanMethods = false)
    static class Installation {

        /** Makes the declared types' texts the parent of the application's message source. */
        @Bean
        static BeanPostProcessor manualMessagesInstaller(ObjectProvider<ManualTypes> types,
                ObjectProvider<RequestTypes> registry) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    if ("messageSource".equals(beanName) && bean instanceof HierarchicalMessageSource source
                            && source.getParentMessageSource() == null) {
                        source.setParentMessageSource(new ManualMessages(types, registry));
                    }
                    return bean;
                }
            };
        }
    }
}
