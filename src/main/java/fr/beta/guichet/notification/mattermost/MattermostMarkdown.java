package fr.beta.guichet.notification.mattermost;

import java.util.stream.Collectors;

import fr.beta.guichet.notification.ChatMessage;
import fr.beta.guichet.notification.InertText;

/**
 * A {@link ChatMessage} as a Mattermost post's markdown. The app's text is written in Mattermost's markdown
 * already ({@code **bold**}, {@code :emoji:}); what a person typed is made inert: one line, every markdown
 * character backslash-escaped (so no link, bold, code, heading, quote, table, HTML or {@code ~channel} link), and
 * mentions and autolinks broken by {@link InertText#defang}. A mention is {@code @username} when the person's
 * Mattermost username is known, their (escaped) name otherwise.
 */
public final class MattermostMarkdown {

    /**
     * The markdown characters Mattermost acts on inside a line (emphasis, code, links and images, hashtags, HTML,
     * strike-through, {@code ~channel} links); each is escaped with a backslash. Line-start markup (lists,
     * headings, quotes, tables) cannot happen: typed text is one line and never starts a message.
     */
    private static final String SPECIAL = "\\`*_[]#<>~";

    private MattermostMarkdown() {
    }

    public static String render(ChatMessage message) {
        var text = new StringBuilder();
        for (ChatMessage.Part part : message.parts()) {
            if (part instanceof ChatMessage.AppText app) {
                text.append(app.text());
            } else if (part instanceof ChatMessage.UserText user) {
                text.append(escape(user.text()));
            } else if (part instanceof ChatMessage.Mention mention) {
                text.append(mention(mention));
            } else if (part instanceof ChatMessage.Mentions mentions) {
                text.append(mentions.mentions().stream().map(MattermostMarkdown::mention)
                        .collect(Collectors.joining(" ")));
            }
        }
        return text.toString();
    }

    /** {@code @username}, or the person's name as plain text. */
    public static String mention(ChatMessage.Mention mention) {
        String username = mention.mattermostUsername();
        return username != null && !username.isBlank() ? "@" + username : escape(mention.name());
    }

    /** Typed text as plain text in a Mattermost post. */
    public static String escape(String typed) {
        String text = InertText.defang(typed);
        var out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (SPECIAL.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
