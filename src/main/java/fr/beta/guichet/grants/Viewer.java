package fr.beta.guichet.grants;

import java.util.List;

import fr.beta.guichet.access.AccessGroups;

/**
 * Who looks: a user, their email and groups. Managers (and platform admins) see every grant; an admin sees the
 * grants of their groups; everyone sees their own.
 */
public record Viewer(String userId, String email, List<String> groups, List<String> addresses) {

    public Viewer(String userId, String email, List<String> groups) {
        this(userId, email, groups, email == null || email.isBlank() ? List.of() : List.of(email));
    }

    public boolean isManager() {
        return groups.contains(AccessGroups.MANAGERS) || groups.contains(AccessGroups.PLATFORM_ADMINS);
    }

    public List<String> adminGroups() {
        return groups.stream().filter(this::isResourceGroup).toList();
    }

    public boolean isAdmin() {
        return !adminGroups().isEmpty();
    }

    /** Every group but the managers' and Camunda's: a resource group (Sentry's too, once it exists). */
    private boolean isResourceGroup(String group) {
        return !group.equals(AccessGroups.MANAGERS) && !group.equals(AccessGroups.PLATFORM_ADMINS);
    }

    public boolean owns(AccessGrant grant) {
        return grant.personEmail().equalsIgnoreCase(email == null ? "" : email) || userId.equals(grant.personUser())
                || addresses.stream().anyMatch(grant.personEmail()::equalsIgnoreCase);
    }

    /** Filed the request that gave this grant (for someone else, or themself). */
    public boolean requested(AccessGrant grant) {
        return userId.equals(grant.requestedBy());
    }

    /** May see this grant: theirs, asked for by them, of their groups, or a manager. */
    public boolean maySee(AccessGrant grant) {
        return isManager() || owns(grant) || requested(grant) || adminGroups().contains(grant.resourceGroup());
    }

    /** May take this grant back in a departure: a manager, an admin of its group, or its holder (themself only). */
    public boolean mayRevoke(AccessGrant grant) {
        return isManager() || owns(grant) || adminGroups().contains(grant.resourceGroup());
    }
}
