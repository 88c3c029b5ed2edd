package fr.beta.guichet.notification;

/**
 * What every chat adapter does to text a person typed before its own escaping: one line (no block markup can
 * start), and the constructs chats act on even in plain text made harmless with an invisible U+200B (zero width
 * space): a mention at the start of a word ({@code @channel}, {@code @all}, {@code @here}, {@code @room},
 * {@code @someone}: {@code @​channel}), a URL scheme ({@code https:​//}) and {@code www.} (no autolink).
 * An address such as {@code prenom.nom@beta.gouv.fr} is left as typed ({@code @} inside a word is no mention).
 */
public final class InertText {

    public static final char ZERO_WIDTH_SPACE = '\u200B';

    private InertText() {
    }

    public static String defang(String typed) {
        String text = typed.replaceAll("[\\r\\n\\t\\u2028\\u2029]+", " ");
        var out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c);
            boolean wordStart = i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1));
            if (c == '@' && wordStart) {
                out.append(ZERO_WIDTH_SPACE);
            } else if (c == ':' && text.startsWith("//", i + 1)) {
                out.append(ZERO_WIDTH_SPACE);
            } else if ((c == 'w' || c == 'W') && text.regionMatches(true, i, "www.", 0, 4) && wordStart) {
                out.append(text, i + 1, i + 3).append(ZERO_WIDTH_SPACE);
                i += 2;
            }
        }
        return out.toString();
    }
}
