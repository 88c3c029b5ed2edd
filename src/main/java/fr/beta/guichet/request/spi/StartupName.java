package fr.beta.guichet.request.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The startup asking, on every request form: required, 100 characters at most. */
@Documented
@NotBlank(message = "{request.startup.required}")
@Size(max = 100, message = "{request.startup.size}")
@Pattern(regexp = "^[^\\p{Cntrl}]*$", message = "{request.startup.control}")
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface StartupName {

    String message() default "{request.startup.required}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
