package fr.beta.guichet.dnsdelegation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * The name servers are 2 to 8 distinct fully qualified host names, and every DS line is a valid DS record
 * ({@link DsRecord#problem}), 8 at most and distinct; each error is reported on its field.
 */
@Documented
@Constraint(validatedBy = ValidDelegation.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface ValidDelegation {

    int MIN_NAME_SERVERS = 2;
    int MAX_NAME_SERVERS = 8;
    int MAX_DS_RECORDS = 8;

    String message() default "{dnsdelegation.invalid}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ValidDelegation, DnsDelegationRequest> {

        private static final Pattern HOST_LABEL = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");

        @Override
        public boolean isValid(DnsDelegationRequest request, ConstraintValidatorContext context) {
            context.disableDefaultConstraintViolation();
            boolean valid = true;
            Optional<String> nameServers = nameServerProblem(request.nameServerList());
            if (nameServers.isPresent() && request.nameServers() != null && !request.nameServers().isBlank()) {
                report(context, "nameServers", nameServers.get());
                valid = false;
            }
            Optional<String> ds = dsProblem(request.dsLines());
            if (ds.isPresent()) {
                report(context, "dsRecords", ds.get());
                valid = false;
            }
            return valid;
        }

        private static Optional<String> nameServerProblem(List<String> hosts) {
            if (hosts.size() < MIN_NAME_SERVERS || hosts.size() > MAX_NAME_SERVERS) {
                return Optional.of("{dnsdelegation.nameServers.count}");
            }
            if (!hosts.stream().allMatch(Validator::isHostName)) {
                return Optional.of("{dnsdelegation.nameServers.host}");
            }
            if (new HashSet<>(hosts).size() != hosts.size()) {
                return Optional.of("{dnsdelegation.nameServers.distinct}");
            }
            return Optional.empty();
        }

        private static Optional<String> dsProblem(List<String> lines) {
            if (lines.size() > MAX_DS_RECORDS) {
                return Optional.of("{dnsdelegation.ds.count}");
            }
            for (String line : lines) {
                Optional<DsRecord.Problem> problem = DsRecord.problem(line);
                if (problem.isPresent()) {
                    return Optional.of("{" + problem.get().messageKey + "}");
                }
            }
            if (lines.stream().map(DsRecord::parse).distinct().count() != lines.size()) {
                return Optional.of("{dnsdelegation.ds.distinct}");
            }
            return Optional.empty();
        }

        /** At least two RFC 1123 labels (lower case once read), 253 characters at most, not all-numeric TLD. */
        static boolean isHostName(String host) {
            if (host.isEmpty() || host.length() > 253) {
                return false;
            }
            String[] labels = host.split("\\.", -1);
            if (labels.length < 2) {
                return false;
            }
            for (String label : labels) {
                if (!HOST_LABEL.matcher(label).matches()) {
                    return false;
                }
            }
            return !labels[labels.length - 1].chars().allMatch(Character::isDigit);
        }

        private static void report(ConstraintValidatorContext context, String field, String messageKey) {
            context.buildConstraintViolationWithTemplate(messageKey).addPropertyNode(field).addConstraintViolation();
        }
    }
}
