package fr.beta.guichet.mailbox;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** A redirection needs the address that receives the mail; the error is reported on {@code redirectTo}. */
@Documented
@Constraint(validatedBy = RedirectionHasTarget.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface RedirectionHasTarget {

    String message() default "{mailbox.redirectTo.required}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<RedirectionHasTarget, MailboxRequest> {

        @Override
        public boolean isValid(MailboxRequest request, ConstraintValidatorContext context) {
            if (request.kind() != MailboxKind.REDIRECTION || request.redirectTo() != null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                    .addPropertyNode("redirectTo").addConstraintViolation();
            return false;
        }
    }
}
