package fr.beta.guichet.manual;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import fr.beta.guichet.request.spi.FormText;
import fr.beta.guichet.request.spi.RequestReason;
import fr.beta.guichet.request.spi.StartupName;

/**
 * A request of a type declared in the catalogue file, stored as the process variable {@code request}. Its fields are
 * those of the type's declaration, by name (the form posts {@code fields[name]}); their rules are the type's
 * ({@code ManualRequestType#fieldErrors}), as they cannot be annotations of a record shared by every declared type.
 *
 * @param startup the startup asking
 * @param reason  why it is needed
 * @param fields  the declared fields' values, trimmed
 */
public record ManualRequest(
        @StartupName
        String startup,
        @RequestReason
        String reason,
        Map<String, String> fields) {

    public ManualRequest {
        startup = FormText.trim(startup);
        reason = FormText.trim(reason);
        Map<String, String> trimmed = new LinkedHashMap<>();
        if (fields != null) {
            fields.forEach((name, value) -> trimmed.put(name, value == null ? "" : value.strip()));
        }
        fields = Collections.unmodifiableMap(trimmed);
    }

    /** The value of a field, empty when not given. */
    public String value(String name) {
        return fields.getOrDefault(name, "");
    }
}
