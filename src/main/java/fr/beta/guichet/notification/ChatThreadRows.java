package fr.beta.guichet.notification;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A sandbox chat's thread as rows of the « Bac à sable » page's table: the root, then each reply marked
 * {@code ↳}; the reactions on the root (✅ once done).
 */
public final class ChatThreadRows {

    public static final List<String> HEADINGS = List.of("sandbox.chat.col.date", "sandbox.chat.col.thread",
            "sandbox.chat.col.message", "sandbox.chat.col.reactions");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss")
            .withZone(ZoneId.of("Europe/Paris"));

    private ChatThreadRows() {
    }

    public static List<List<String>> of(ChatThread thread) {
        var rows = new ArrayList<List<String>>();
        String shortId = thread.rootId().length() > 10 ? thread.rootId().substring(0, 10) + "…" : thread.rootId();
        rows.add(List.of(WHEN.format(thread.createdAt()), shortId, thread.message(),
                thread.reactions().stream().map(ChatEmoji::unicode).collect(Collectors.joining(" "))));
        for (ChatThread.Reply reply : thread.replies()) {
            rows.add(List.of(WHEN.format(reply.createdAt()), "↳ " + shortId, reply.message(), ""));
        }
        return rows;
    }
}
