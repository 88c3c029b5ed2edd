package fr.beta.guichet.grants;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import fr.beta.guichet.access.AccessGroups;

/**
 * The kinds of access an admin may register when they predate Guichet Ops, with the group that holds them and
 * how the form's two fields become the provider identifier the revokers read (the same as a done request writes).
 */
public enum RegistrableKind {

    /** identifier: the address {@code prenom.nom@domain}. */
    MAILBOX("mailbox", AccessGroups.OVH),
    /** identifier: the redirected address; target: where mail goes. */
    REDIRECTION("redirection", AccessGroups.OVH),
    /** identifier: the person's email (their Matomo login's); target: the site's URL. */
    MATOMO("matomo", AccessGroups.MATOMO),
    /** identifier: the Docker ID; target: the team. */
    DOCKERHUB("dockerhub", AccessGroups.DOCKERHUB),
    /** identifier: the person's email at Sentry; target: the team's slug. */
    SENTRY("sentry", AccessGroups.SENTRY);

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern TOKEN = Pattern.compile("^\\S{1,200}$");
    private static final Pattern DOCKER_ID = Pattern.compile("^[a-z0-9]{4,30}$");
    private static final Pattern TEAM = Pattern.compile("^[a-z0-9]([a-z0-9_-]*[a-z0-9])?$");
    private static final Pattern SENTRY_TEAM = Pattern.compile("^(?![0-9]+$)[a-z0-9_-]{1,50}$");
    private static final Pattern URL = Pattern.compile("^https?://\\S+$");

    private final String kind;
    private final String group;

    RegistrableKind(String kind, String group) {
        this.kind = kind;
        this.group = group;
    }

    public String kind() {
        return kind;
    }

    public String group() {
        return group;
    }

    public static Optional<RegistrableKind> of(String kind) {
        for (RegistrableKind value : values()) {
            if (value.kind.equals(kind)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** The grant's fields from the form, or the message key of what is wrong with it. */
    public record Built(String resource, String providerId, String level, String errorKey) {
        static Built error(String key) {
            return new Built(null, null, null, key);
        }
    }

    public Built build(String identifier, String target, String level) {
        String id = identifier == null ? "" : identifier.trim();
        String to = target == null ? "" : target.trim();
        return switch (this) {
            case MAILBOX -> EMAIL.matcher(id).matches()
                    ? new Built(id.toLowerCase(Locale.ROOT), domain(id) + " " + local(id), "boîte", null)
                    : Built.error("registry.error.address");
            case REDIRECTION -> EMAIL.matcher(id).matches() && EMAIL.matcher(to).matches()
                    ? new Built(id.toLowerCase(Locale.ROOT) + " → " + to, domain(id) + " " + id.toLowerCase(Locale.ROOT) + " " + to,
                            "redirection", null)
                    : Built.error("registry.error.redirection");
            case MATOMO -> EMAIL.matcher(id).matches() && URL.matcher(to).matches() && TOKEN.matcher(to).matches()
                    ? new Built(to, id.toLowerCase(Locale.ROOT) + " " + to, level == null || level.isBlank() ? "view" : level.trim(), null)
                    : Built.error("registry.error.matomo");
            case DOCKERHUB -> DOCKER_ID.matcher(id).matches() && TEAM.matcher(to).matches()
                    ? new Built("équipe %s (Docker ID %s)".formatted(to, id), to + " " + id, "membre", null)
                    : Built.error("registry.error.dockerhub");
            case SENTRY -> EMAIL.matcher(id).matches() && SENTRY_TEAM.matcher(to).matches()
                    ? new Built("équipe %s".formatted(to), to + " " + id.toLowerCase(Locale.ROOT),
                            level == null || level.isBlank() ? "membre" : level.trim(), null)
                    : Built.error("registry.error.sentry");
        };
    }

    private static String local(String address) {
        return address.substring(0, address.indexOf('@')).toLowerCase(Locale.ROOT);
    }

    private static String domain(String address) {
        return address.substring(address.indexOf('@') + 1).toLowerCase(Locale.ROOT);
    }
}
