package fr.beta.guichet.notification;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code guichet.chat=both}: every message goes to each chat in turn, each idempotent on its own, so a job retried
 * after the second chat failed posts nothing new in the first. A thread's id is the chats' root ids joined by
 * {@value #SEPARATOR}, in the chats' order ({@code <mattermost post id>|<matrix event id>}). A thread started
 * before the migration has one id only: its later steps go to the first chat alone.
 */
public class BothChats implements ChatChannel {

    public static final String SEPARATOR = "|";
    private static final Logger log = LoggerFactory.getLogger(BothChats.class);

    private final List<ChatChannel> chats;

    public BothChats(List<ChatChannel> chats) {
        if (chats.size() < 2) {
            throw new IllegalArgumentException("guichet.chat=both needs two chats, got " + chats.size());
        }
        this.chats = List.copyOf(chats);
    }

    @Override
    public String post(String key, ChatMessage message) {
        var ids = new ArrayList<String>();
        for (ChatChannel chat : chats) {
            ids.add(chat.post(key, message));
        }
        return String.join(SEPARATOR, ids);
    }

    @Override
    public void reply(String rootPostId, String key, ChatMessage message) {
        List<String> roots = split(rootPostId);
        for (int i = 0; i < chats.size(); i++) {
            if (i < roots.size()) {
                chats.get(i).reply(roots.get(i), key, message);
            } else {
                log.info("Thread {} has no root in chat {}: {} posted to the others only", rootPostId, i, key);
            }
        }
    }

    @Override
    public void react(String postId, String emojiName) {
        List<String> roots = split(postId);
        for (int i = 0; i < chats.size() && i < roots.size(); i++) {
            chats.get(i).react(roots.get(i), emojiName);
        }
    }

    private static List<String> split(String ids) {
        return Arrays.asList(ids.split("\\" + SEPARATOR, -1));
    }
}
