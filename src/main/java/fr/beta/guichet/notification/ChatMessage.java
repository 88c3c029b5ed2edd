package fr.beta.guichet.notification;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One chat message as the application means it, before any chat's markup: the app's own text, the people it
 * mentions, and text a person typed. Each adapter renders it for its chat and escapes what a person typed, so that
 * a startup named {@code @channel [gagnez](https://evil.example) **urgent**} reaches every chat as plain text (no
 * mention, no link, no markup, no HTML) while the app's mentions of access holders still notify them.
 * <p>
 * Build it with {@link #format(String, Object...)}: a message-bundle pattern ({@code {0}} placeholders,
 * {@code ''} for a quote) whose literal parts are the app's text, and arguments that are {@link Part}s
 * ({@link Mention}, a list of mentions, {@link UserText}) or plain values. <b>A plain {@code String} argument is
 * user text</b> (inert): only an explicit {@link Mention} ever notifies anyone.
 */
public record ChatMessage(List<Part> parts) {

    public ChatMessage {
        parts = List.copyOf(parts);
    }

    /** What a message is made of. */
    public sealed interface Part permits AppText, UserText, Mention, Mentions {
    }

    /**
     * The application's own text, from the message bundle: may use {@code **bold**} and {@code :emoji_name:}
     * shortcodes, which every adapter knows how to render. Never contains what a person typed.
     */
    public record AppText(String text) implements Part {
        public AppText {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Text a person typed (a startup, a reason, a target, an answer, a rejection reason): shown as plain text. */
    public record UserText(String text) implements Part {
        public UserText {
            text = text == null ? "" : text;
        }
    }

    /**
     * A person the app mentions on purpose (a requester, an access holder, a manager).
     *
     * @param userId             the app's user id
     * @param name               the person's name, shown when the chat knows no identifier for them
     * @param mattermostUsername their Mattermost username without {@code @}, or {@code null}
     * @param matrixUserId       their Matrix/Tchap user id {@code @localpart:server}, or {@code null}
     */
    public record Mention(String userId, String name, String mattermostUsername, String matrixUserId)
            implements Part {
        public Mention {
            Objects.requireNonNull(userId, "userId");
            name = name == null || name.isBlank() ? userId : name;
        }

        /** A person the app knows nothing more about than the id. */
        public static Mention of(String userId) {
            return new Mention(userId, userId, null, null);
        }
    }

    /** Several mentions in a row (the holders of a group), separated by spaces. */
    public record Mentions(List<Mention> mentions) implements Part {
        public Mentions {
            mentions = List.copyOf(mentions);
        }
    }

    public static UserText userText(String text) {
        return new UserText(text);
    }

    /**
     * The message of a bundle pattern: literal text becomes {@link AppText}; {@code {n}} takes argument n as it is
     * if it is a {@link Part}, a collection of {@link Mention}s as {@link Mentions}, a number as app text, anything
     * else ({@code String} included) as {@link UserText}.
     */
    public static ChatMessage format(String pattern, Object... args) {
        var parts = new ArrayList<Part>();
        var literal = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '\'' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '\'') {
                literal.append('\'');
                i += 2;
            } else if (c == '{') {
                int end = pattern.indexOf('}', i);
                String index = end < 0 ? "" : pattern.substring(i + 1, end).trim();
                if (!index.matches("\\d+")) {
                    throw new IllegalArgumentException("bad placeholder in chat pattern: " + pattern);
                }
                if (!literal.isEmpty()) {
                    parts.add(new AppText(literal.toString()));
                    literal.setLength(0);
                }
                int n = Integer.parseInt(index);
                parts.add(part(n < args.length ? args[n] : null));
                i = end + 1;
            } else {
                literal.append(c);
                i++;
            }
        }
        if (!literal.isEmpty()) {
            parts.add(new AppText(literal.toString()));
        }
        return new ChatMessage(parts);
    }

    private static Part part(Object arg) {
        if (arg instanceof Part part) {
            return part;
        }
        if (arg instanceof Collection<?> items && items.stream().allMatch(Mention.class::isInstance)) {
            return new Mentions(items.stream().map(Mention.class::cast).toList());
        }
        if (arg instanceof Number number) {
            return new AppText(number.toString());
        }
        return new UserText(arg == null ? "" : arg.toString());
    }

    /** The message without any markup, mentions as names: for logs and assertions, never sent as is. */
    public String plainText() {
        var text = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof AppText a) {
                text.append(a.text());
            } else if (p instanceof UserText u) {
                text.append(u.text());
            } else if (p instanceof Mention m) {
                text.append(m.name());
            } else if (p instanceof Mentions ms) {
                text.append(ms.mentions().stream().map(Mention::name).collect(Collectors.joining(" ")));
            }
        }
        return text.toString();
    }

    /** Every mention of the message, in order. */
    public List<Mention> mentions() {
        var all = new ArrayList<Mention>();
        for (Part p : parts) {
            if (p instanceof Mention m) {
                all.add(m);
            } else if (p instanceof Mentions ms) {
                all.addAll(ms.mentions());
            }
        }
        return all;
    }
}
