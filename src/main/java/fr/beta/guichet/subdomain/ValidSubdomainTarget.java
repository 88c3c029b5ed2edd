package fr.beta.guichet.subdomain;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** The target is valid for the record type (an IPv4 for A, a host name for CNAME…). */
@Documented
@Constraint(validatedBy = SubdomainTargetValidator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface ValidSubdomainTarget {

    String message() default "{subdomain.target.invalid}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
