package fr.beta.guichet.access;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The resource groups: the admins who hold access to a resource (OVH, Matomo…), candidate groups of the
 * {@code claim} of the request types that use it. A request type names its group; a group named by a type and not
 * declared here is still created, with its id as its name.
 *
 * @param groups the declared groups, in the order pages and Tasklist show them
 */
@Validated
@ConfigurationProperties("guichet.access")
public record AccessProperties(@Valid List<Group> groups) {

    public AccessProperties {
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    /**
     * @param id             the Camunda group id, {@code ops-<resource>}
     * @param resource       what its members hold access to, in French: {@code OVH (DNS et e-mail)}
     * @param tasklistFilter name of its Camunda Tasklist filter; {@code Demandes <resource>} when empty
     */
    public record Group(@NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]*") String id, @NotBlank String resource,
            String tasklistFilter) {

        /** The group's name in Camunda Admin. */
        public String name() {
            return "Accès " + resource;
        }

        public String filterName() {
            return tasklistFilter == null || tasklistFilter.isBlank() ? "Demandes " + resource : tasklistFilter;
        }
    }
}
