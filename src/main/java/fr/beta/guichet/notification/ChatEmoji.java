package fr.beta.guichet.notification;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emoji of the app's chat texts, by Mattermost shortcode ({@code :white_check_mark:}), with their Unicode
 * characters for chats that have no shortcodes (Matrix).
 */
public final class ChatEmoji {

    private static final Map<String, String> UNICODE = Map.ofEntries(
            Map.entry("inbox_tray", "📥"),
            Map.entry("raising_hand", "🙋"),
            Map.entry("fast_forward", "⏩"),
            Map.entry("white_check_mark", "✅"),
            Map.entry("no_entry", "⛔"),
            Map.entry("wastebasket", "🗑️"),
            Map.entry("alarm_clock", "⏰"),
            Map.entry("rotating_light", "🚨"),
            Map.entry("key", "🔑"),
            Map.entry("question", "❓"),
            Map.entry("speech_balloon", "💬"));
    private static final Pattern SHORTCODE = Pattern.compile(":([a-z0-9_+\\-]+):");

    private ChatEmoji() {
    }

    /** The emoji of a shortcode name ({@code white_check_mark} gives ✅), or the name itself if unknown. */
    public static String unicode(String name) {
        return UNICODE.getOrDefault(name, name);
    }

    /** The app's text with every known {@code :shortcode:} replaced by its emoji. */
    public static String replaceShortcodes(String appText) {
        Matcher m = SHORTCODE.matcher(appText);
        var out = new StringBuilder();
        while (m.find()) {
            String emoji = UNICODE.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(emoji == null ? m.group() : emoji));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The shortcode name of an emoji ({@code ✅} gives {@code white_check_mark}), or the emoji itself. */
    public static String name(String unicode) {
        return UNICODE.entrySet().stream().filter(e -> e.getValue().equals(unicode)).map(Map.Entry::getKey)
                .findFirst().orElse(unicode);
    }
}
