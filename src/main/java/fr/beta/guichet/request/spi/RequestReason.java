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

/** Why the requester needs it, on every request form: required, 2000 characters at most. */
@Documented
@NotBlank(message = "{request.reason.required}")
@Size(max = 2000, message = "{request.reason.size}")
@Pattern(regexp = "^[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*$", message = "{request.reason.control}")
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface RequestReason {

    String message() default "{request.reason.required}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
