package fr.beta.guichet;

import javax.xml.datatype.DatatypeFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class GuichetApplication {

    static {
        // Camunda resolves every timer's due date with DatatypeFactory.newInstance(), which, unless this property
        // names the implementation, searches the whole classpath for a service file each time: ~5% of the job
        // executor's CPU in the benchmark's profile (bench/README.md). The JDK's own implementation is the one
        // that search finds anyway.
        if (System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY) == null) {
            System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY,
                    DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
        }
    }

    public static void main(String[] args) {
        SpringApplication.run(GuichetApplication.class, args);
    }
}
