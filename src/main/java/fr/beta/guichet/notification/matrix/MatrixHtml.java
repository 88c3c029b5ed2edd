package fr.beta.guichet.notification.matrix;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import fr.beta.guichet.notification.ChatEmoji;
import fr.beta.guichet.notification.ChatMessage;
import fr.beta.guichet.notification.InertText;

/**
 * A {@link ChatMessage} as a Matrix {@code m.text} event's content: a plain {@code body}, an
 * {@code org.matrix.custom.html} {@code formatted_body}, and the intentional mentions {@code m.mentions.user_ids}.
 * <ul>
 *   <li>the app's text: {@code **bold**} becomes {@code <strong>} (dropped in the body), {@code :shortcode:} the
 *   emoji;</li>
 *   <li>a mention of a person whose Tchap id is known: a {@code https://matrix.to/#/<id>} link named after them in
 *   the HTML, their name in the body, their id in {@code m.mentions}; unknown: their name;</li>
 *   <li>what a person typed: {@link InertText#defang} (no {@code @room}, no autolinked URL), HTML-escaped in
 *   {@code formatted_body} — no tag, link or markup of theirs ever reaches a client.</li>
 * </ul>
 */
public final class MatrixHtml {

    private MatrixHtml() {
    }

    /** What {@link MatrixChannel} puts in the event. */
    public record Content(String body, String formattedBody, List<String> mentionedUserIds) {
    }

    public static Content render(ChatMessage message) {
        var body = new StringBuilder();
        var html = new StringBuilder();
        var ids = new LinkedHashSet<String>();
        boolean bold = false;
        for (ChatMessage.Part part : message.parts()) {
            if (part instanceof ChatMessage.AppText app) {
                // "**" toggles bold, possibly around other parts (**{0}**): in the app's text only
                String[] pieces = ChatEmoji.replaceShortcodes(app.text()).split("\\*\\*", -1);
                for (int i = 0; i < pieces.length; i++) {
                    if (i > 0) {
                        html.append(bold ? "</strong>" : "<strong>");
                        bold = !bold;
                    }
                    body.append(pieces[i]);
                    html.append(escape(pieces[i]).replace("\n", "<br>"));
                }
            } else if (part instanceof ChatMessage.UserText user) {
                String inert = InertText.defang(user.text());
                body.append(inert);
                html.append(escape(inert));
            } else if (part instanceof ChatMessage.Mention mention) {
                mention(mention, body, html, ids);
            } else if (part instanceof ChatMessage.Mentions mentions) {
                for (int i = 0; i < mentions.mentions().size(); i++) {
                    if (i > 0) {
                        body.append(' ');
                        html.append(' ');
                    }
                    mention(mentions.mentions().get(i), body, html, ids);
                }
            }
        }
        if (bold) {
            html.append("</strong>");
        }
        return new Content(body.toString(), html.toString(), new ArrayList<>(ids));
    }

    private static void mention(ChatMessage.Mention mention, StringBuilder body, StringBuilder html,
            LinkedHashSet<String> ids) {
        String name = InertText.defang(mention.name());
        body.append(name);
        String id = mention.matrixUserId();
        if (id == null || id.isBlank()) {
            html.append(escape(name));
            return;
        }
        // ids are validated on « Mon compte » (no quote, space or bracket); escaped all the same
        html.append("<a href=\"https://matrix.to/#/").append(escape(id)).append("\">").append(escape(name))
                .append("</a>");
        ids.add(id);
    }

    public static String escape(String text) {
        var out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
