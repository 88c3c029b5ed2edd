package fr.beta.guichet.access;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

import fr.beta.guichet.request.read.RequestTypes;
import fr.beta.guichet.request.spi.RequestType;

/**
 * The resource groups as the registered request types and the configuration make them: every group a type's
 * {@code claim} names, and the groups declared under {@code guichet.access.groups} (which also name them). Groups,
 * authorizations, Tasklist filters, the admins' pages and navigation all read this one list.
 */
@Component
public class ResourceGroups {

    /** Spring Security authority of a Camunda group (see the app's identity provider). */
    static final String AUTHORITY_PREFIX = "GROUP_";

    private final Map<String, AccessProperties.Group> byId = new LinkedHashMap<>();

    ResourceGroups(AccessProperties properties, RequestTypes types) {
        properties.groups().forEach(group -> byId.put(group.id(), group));
        types.all().stream().map(RequestType::resourceGroup).sorted()
                .forEach(id -> byId.computeIfAbsent(id, g -> new AccessProperties.Group(g, g, null)));
    }

    public List<AccessProperties.Group> all() {
        return List.copyOf(byId.values());
    }

    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    public boolean contains(String groupId) {
        return byId.containsKey(groupId);
    }

    /** Whether one of these groups is a resource group: its member is an admin. */
    public boolean anyOf(Collection<String> groupIds) {
        return groupIds.stream().anyMatch(byId::containsKey);
    }

    /** What the group's members hold access to, in French; the id for an unknown group. */
    public String resource(String groupId) {
        var group = byId.get(groupId);
        return group == null ? groupId : group.resource();
    }

    /** The Spring Security authorities of the resource groups: whoever has one is an admin. */
    public String[] authorities() {
        return byId.keySet().stream().map(id -> AUTHORITY_PREFIX + id).toArray(String[]::new);
    }

    /** For pages: whether the signed-in person is an admin (member of a resource group). */
    public boolean isAdmin(Authentication authentication) {
        if (authentication == null) {
            return false;
        }
        var authorities = List.of(authorities());
        return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(authorities::contains);
    }
}
