package fr.beta.guichet.request.tasks;

import java.util.Optional;
import java.util.regex.Pattern;

/** A question or an answer as typed: required, 2000 characters at most, no control characters but line breaks. */
public final class DialogueText {

    public static final int MAX = 2000;
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");

    private DialogueText() {
    }

    /** The trimmed text, or empty when it is blank, too long or holds control characters. */
    public static Optional<String> clean(String typed) {
        String text = typed == null ? "" : typed.strip();
        if (text.isEmpty() || text.length() > MAX || CONTROL.matcher(text).find()) {
            return Optional.empty();
        }
        return Optional.of(text);
    }

    /**
     * An optional text (the note to the requester with « fait »): blank is accepted (no note), too long or holding
     * control characters is not.
     *
     * @return the trimmed text ({@code ""} when blank), or empty when it is refused
     */
    public static Optional<String> cleanOptional(String typed) {
        String text = typed == null ? "" : typed.strip();
        return text.isEmpty() ? Optional.of("") : clean(text);
    }
}
