package fr.beta.guichet.request.spi;

import java.util.Locale;

/** Normalization of what people type in request forms, applied in each record's compact constructor. */
public final class FormText {

    private FormText() {
    }

    /** Surrounding white space removed; {@code null} stays {@code null}. */
    public static String trim(String text) {
        return text == null ? null : text.strip();
    }

    /** Trimmed and lowercased (identifiers, addresses). */
    public static String identifier(String text) {
        return text == null ? null : text.strip().toLowerCase(Locale.ROOT);
    }

    /** Trimmed, and {@code null} when blank (optional fields). */
    public static String optional(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
