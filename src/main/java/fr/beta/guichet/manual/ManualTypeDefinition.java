package fr.beta.guichet.manual;

import java.util.List;
import java.util.Optional;

/**
 * A request type declared in the catalogue file.
 *
 * @param key          the type's key: process {@code request-manual-<key>}, form {@code /demandes/<key>}
 * @param prefix       the reference prefix ({@code SCA} gives {@code SCA-2026-0042})
 * @param name         French name of the process definition (Cockpit, Tasklist, task list, metrics)
 * @param title        the catalogue card's title
 * @param description  the catalogue card's text
 * @param category     the catalogue's heading it is listed under
 * @param group        the resource group of its executors
 * @param delay        the fixed estimate the card shows while too few requests were done
 * @param instructions what the executor does, shown on the task page
 * @param fields       the form's fields besides the startup and the reason every form has
 * @param grant        when done means an access was given: which fields name the person and the resource
 */
public record ManualTypeDefinition(String key, String prefix, String name, String title, String description,
        String category, String group, String delay, String instructions, List<ManualField> fields,
        Optional<GrantRule> grant) {

    static final String PROCESS_PREFIX = "request-manual-";

    public ManualTypeDefinition {
        fields = List.copyOf(fields);
    }

    public String processKey() {
        return PROCESS_PREFIX + key;
    }

    public String formPath() {
        return "/demandes/" + key;
    }

    Optional<ManualField> field(String fieldName) {
        return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
    }

    /**
     * @param personField   the email field naming the person who gets the access
     * @param resourceField the field naming the resource
     * @param levelField    the field giving the access level, or {@code null}
     * @param level         the fixed level when no field gives it
     * @param revocation    what the group does at the person's departure, French text
     */
    public record GrantRule(String personField, String resourceField, String levelField, String level, String revocation) {
    }
}
