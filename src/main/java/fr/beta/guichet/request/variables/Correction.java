package fr.beta.guichet.request.variables;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a requester changed in the request's fields when answering a question, field by field, before → after: the
 * admin who asked reads it on the task page. Stored as JSON ({@link RequestVariables#CORRECTION}) with the answer.
 *
 * @param changes the changed fields, in the record's order
 */
public record Correction(List<FieldChange> changes) {

    public Correction {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    /**
     * One changed field.
     *
     * @param field    the record component's name
     * @param labelKey the message key of the field's label on the form ({@code subdomain.target}, {@code request.reason})
     * @param before   the value before, as text ({@code ""} when empty)
     * @param after    the value after, as text
     */
    public record FieldChange(String field, String labelKey, String before, String after) {
    }

    /**
     * The fields of two records of the same type that differ; the label keys follow the forms' convention: the type's
     * prefix ({@code request-dns-delegation} gives {@code dnsdelegation.}) and {@code request.} for the fields every
     * form shares (startup, reason).
     */
    public static Correction between(String processKey, Record before, Record after) {
        List<FieldChange> changes = new ArrayList<>();
        if (before == null || after == null || before.getClass() != after.getClass()) {
            return new Correction(changes);
        }
        String prefix = processKey.replaceFirst("^request-", "").replace("-", "");
        for (var component : after.getClass().getRecordComponents()) {
            Object old;
            Object now;
            try {
                old = component.getAccessor().invoke(before);
                now = component.getAccessor().invoke(after);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (!Objects.equals(old, now)) {
                String name = component.getName();
                String labelKey = ("startup".equals(name) || "reason".equals(name) ? "request." : prefix + ".") + name;
                changes.add(new FieldChange(name, labelKey, text(old), text(now)));
            }
        }
        return new Correction(changes);
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> list) {
            return String.join(", ", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }

    public boolean any() {
        return !changes.isEmpty();
    }
}
