package fr.beta.guichet.subdomain;

import java.util.regex.Pattern;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks the target against its record type and reports the error on the {@code target} field. */
class SubdomainTargetValidator implements ConstraintValidator<ValidSubdomainTarget, SubdomainRequest> {

    private static final Pattern HOST_LABEL = Pattern.compile("^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$");
    private static final Pattern IPV4 = Pattern.compile(
            "^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
    private static final Pattern IPV6_CHARS = Pattern.compile("^[0-9A-Fa-f:.]{2,45}$");
    private static final Pattern TXT = Pattern.compile("^[\\x20-\\x7E]{1,255}$");
    private static final Pattern MX = Pattern.compile("^(\\d{1,5})\\s+(\\S+)$");

    @Override
    public boolean isValid(SubdomainRequest request, ConstraintValidatorContext context) {
        if (request.recordType() == null || request.target() == null || request.target().isBlank()) {
            return true; // reported by @NotNull / @NotBlank
        }
        String target = request.target();
        String messageKey = switch (request.recordType()) {
            case A -> IPV4.matcher(target).matches() ? null : "{subdomain.target.ipv4}";
            case AAAA -> isIpv6(target) ? null : "{subdomain.target.ipv6}";
            case CNAME -> isHostName(target) ? null : "{subdomain.target.host}";
            case TXT -> TXT.matcher(target).matches() ? null : "{subdomain.target.txt}";
            case MX -> isMx(target) ? null : "{subdomain.target.mx}";
        };
        if (messageKey == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(messageKey).addPropertyNode("target").addConstraintViolation();
        return false;
    }

    /** A fully qualified host name: at least two RFC 1123 labels, an optional final dot, 253 characters at most. */
    static boolean isHostName(String value) {
        String host = value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
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

    static boolean isIpv6(String value) {
        if (!value.contains(":") || !IPV6_CHARS.matcher(value).matches()) {
            return false;
        }
        try {
            // A literal containing ':' is parsed, never resolved.
            return java.net.InetAddress.getByName(value) instanceof java.net.Inet6Address;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    static boolean isMx(String value) {
        var matcher = MX.matcher(value);
        return matcher.matches() && Integer.parseInt(matcher.group(1)) <= 65535 && isHostName(matcher.group(2));
    }
}
