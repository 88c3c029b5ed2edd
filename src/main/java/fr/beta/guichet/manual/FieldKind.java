package fr.beta.guichet.manual;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/** The kinds of field a declared type may have, as written in the catalogue file. */
public enum FieldKind {

    TEXT("text", null),
    LONG_TEXT("long-text", null),
    EMAIL("email", Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")),
    URL("url", Pattern.compile("^https?://[^\\s/$.?#][^\\s]*$")),
    SELECT("select", null),
    DATE("date", Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$"));

    private final String id;
    private final Pattern format;

    FieldKind(String id, Pattern format) {
        this.id = id;
        this.format = format;
    }

    public String id() {
        return id;
    }

    /** The format every value of this kind has, whatever the declared pattern; empty for free text and choices. */
    Optional<Pattern> format() {
        return Optional.ofNullable(format);
    }

    /** The HTML input type of the form. */
    public String inputType() {
        return switch (this) {
            case EMAIL -> "email";
            case URL -> "url";
            case DATE -> "date";
            default -> "text";
        };
    }

    static Optional<FieldKind> of(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }

    static String ids() {
        return String.join(", ", Arrays.stream(values()).map(FieldKind::id).toList());
    }
}
