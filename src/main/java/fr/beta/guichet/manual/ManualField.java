package fr.beta.guichet.manual;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One field of a declared type's form.
 *
 * @param name     the field's name in the form and the stored request ({@code fields[name]})
 * @param label    French label
 * @param kind     text, long text, email, URL, select, date
 * @param required whether it must be filled in
 * @param pattern  a regular expression the whole value must match, or {@code null}
 * @param patternMessage French message when it does not, or {@code null} (a generic one)
 * @param help     French hint under the label, or {@code null}
 * @param options  the choices of a select
 */
public record ManualField(String name, String label, FieldKind kind, boolean required, Pattern pattern,
        String patternMessage, String help, List<Option> options) {

    public ManualField {
        options = options == null ? List.of() : List.copyOf(options);
    }

    /** The label of a select's value; the value itself for other kinds. */
    public String display(String value) {
        return options.stream().filter(o -> o.value().equals(value)).map(Option::label).findFirst().orElse(value);
    }

    /** A choice of a select: the stored value and its French label. */
    public record Option(String value, String label) {
    }
}
