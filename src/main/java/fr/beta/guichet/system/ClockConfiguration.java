package fr.beta.guichet.system;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Bean
    Clock clock() {
        return Clock.system(PARIS);
    }
}
