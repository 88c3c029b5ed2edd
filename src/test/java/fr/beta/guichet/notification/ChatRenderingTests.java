package fr.beta.guichet.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import fr.beta.guichet.notification.matrix.MatrixHtml;
import fr.beta.guichet.notification.mattermost.MattermostMarkdown;

/** What each adapter makes of a structured message: the app's markup and mentions live, typed text inert. */
class ChatRenderingTests {

    static final String HOSTILE = "@channel @all @here @room @someone [gagnez](https://evil.example) **urgent** "
            + "<b>gras</b> <script>alert(1)</script> www.evil.example ~town-square #urgent `code` _it_ :smile:\n# titre";

    private static final ChatMessage.Mention FLORIAN = new ChatMessage.Mention("florian", "Florian D.", "florian",
            "@florian-beta.gouv.fr:agent.dinum.tchap.gouv.fr");
    private static final ChatMessage.Mention NOBODY_KNOWN = new ChatMessage.Mention("julien", "Julien D.", null, null);

    private static ChatMessage message(String typed) {
        return ChatMessage.format(":inbox_tray: Nouvelle demande **{0}** de {1} : {2} — {3}", "SUB-2026-0001",
                FLORIAN, typed, List.of(FLORIAN, NOBODY_KNOWN));
    }

    @Test
    void formatSplitsTheAppTextFromArgumentsAndReadsQuotesLikeMessageFormat() {
        var m = ChatMessage.format("Relance n°{2} : {0}, la demande {1} attend quelqu''un.", List.of(FLORIAN),
                "SUB-1", 3);
        assertThat(m.parts()).containsExactly(new ChatMessage.AppText("Relance n°"), new ChatMessage.AppText("3"),
                new ChatMessage.AppText(" : "), new ChatMessage.Mentions(List.of(FLORIAN)),
                new ChatMessage.AppText(", la demande "), new ChatMessage.UserText("SUB-1"),
                new ChatMessage.AppText(" attend quelqu'un."));
        assertThat(m.plainText()).isEqualTo("Relance n°3 : Florian D., la demande SUB-1 attend quelqu'un.");
    }

    @Test
    void mattermostKeepsTheAppsMarkupAndMentionsAndEscapesTypedText() {
        String md = MattermostMarkdown.render(message(HOSTILE));

        assertThat(md).startsWith(":inbox_tray: Nouvelle demande **SUB-2026-0001** de @florian : ");
        assertThat(md).endsWith(" — @florian Julien D.");
        String typed = md.substring(md.indexOf(" : ") + 3, md.lastIndexOf(" — "));
        assertInertForMattermost(typed);
        assertThat(typed).contains("\\[gagnez\\](https:\u200B//evil.example)").contains("\\*\\*urgent\\*\\*")
                .contains("\\<script\\>").contains("\\~town-square").contains("\\#urgent").contains("\\`code\\`");
    }

    @Test
    void matrixEscapesTypedTextInTheHtmlAndMentionsOnlyTheAppsPeople() {
        MatrixHtml.Content content = MatrixHtml.render(message(HOSTILE));

        assertThat(content.formattedBody()).startsWith("📥 Nouvelle demande <strong>SUB-2026-0001</strong> de "
                + "<a href=\"https://matrix.to/#/@florian-beta.gouv.fr:agent.dinum.tchap.gouv.fr\">Florian D.</a> : ");
        assertThat(content.formattedBody()).endsWith(" — <a href=\"https://matrix.to/#/"
                + "@florian-beta.gouv.fr:agent.dinum.tchap.gouv.fr\">Florian D.</a> Julien D.");
        assertThat(content.mentionedUserIds()).containsExactly("@florian-beta.gouv.fr:agent.dinum.tchap.gouv.fr");
        String html = content.formattedBody();
        String typedHtml = html.substring(html.indexOf("</a> : ") + 7, html.lastIndexOf(" — "));
        assertInertForMatrixHtml(typedHtml);
        assertThat(typedHtml).contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("&lt;b&gt;gras&lt;/b&gt;")
                .contains("**urgent**");
        assertThat(content.body()).startsWith("📥 Nouvelle demande SUB-2026-0001 de Florian D. : ");
        assertInertPlain(content.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"@channel", "x @here y", "(@all)", "@room!", "\"@someone\"", "a\n@channel"})
    void everyBroadcastMentionIsBroken(String typed) {
        var m = ChatMessage.format("{0}", typed);
        assertInertForMattermost(MattermostMarkdown.render(m));
        assertInertPlain(MatrixHtml.render(m).body());
        assertThat(MatrixHtml.render(m).mentionedUserIds()).isEmpty();
    }

    @Test
    void anAddressIsLeftAsTypedAndItsDomainToo() {
        var m = ChatMessage.format("{0}", "prenom.nom@beta.gouv.fr sur app.osc-fr1.scalingo.io.");
        assertThat(MattermostMarkdown.render(m)).isEqualTo("prenom.nom@beta.gouv.fr sur app.osc-fr1.scalingo.io.");
        assertThat(MatrixHtml.render(m).body()).isEqualTo("prenom.nom@beta.gouv.fr sur app.osc-fr1.scalingo.io.");
    }

    /** No broadcast mention, no markdown link, bold, code or HTML, no autolinked URL, one line. */
    static void assertInertForMattermost(String typed) {
        assertInertPlain(typed);
        assertThat(typed).doesNotContainPattern("(?<!\\\\)\\[[^\\]]*(?<!\\\\)\\]\\(")
                .doesNotContainPattern("(?<!\\\\)\\*\\*").doesNotContainPattern("(?<!\\\\)<")
                .doesNotContainPattern("(?<!\\\\)`").doesNotContainPattern("(?<![\\\\\\w])_");
    }

    static void assertInertForMatrixHtml(String html) {
        assertThat(html).doesNotContain("<").doesNotContain(">").doesNotContain("\"");
        assertInertPlain(html);
    }

    static void assertInertPlain(String text) {
        assertThat(text).doesNotContainPattern("(?i)(^|[^\\w\u200B])@(channel|all|here|room|someone)\\b")
                .doesNotContain("https://").doesNotContain("http://").doesNotContainPattern("(?i)\\bwww\\.")
                .doesNotContain("\n");
    }
}
