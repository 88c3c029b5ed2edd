package fr.beta.guichet;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class GuichetApplication {
    public static void main(String[] args) {
        SpringApplication.run(GuichetApplication.class, args);
    }
}
