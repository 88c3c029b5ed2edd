package fr.beta.guichet.reliability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/**
 * Mattermost REST API v4 for one channel: {@code GET /api/v4/users/me}, {@code POST /api/v4/posts} (201 with the
 * post, {@code props} kept), and the two reads {@code MattermostChannel} makes before posting, served from the kept
 * posts as Mattermost's PostList ({@code {order: [ids], posts: {id: post}}}, latest first):
 * {@code GET /api/v4/channels/{id}/posts} (at most {@code per_page}) and {@code GET /api/v4/posts/{root}/thread}
 * (the root and its replies). The write is {@code POST /api/v4/posts}. A 429 carries
 * {@code X-Ratelimit-Reset} (seconds) and the body {@code limit exceeded}, as Mattermost does.
 */
class MattermostStatefulFake extends StatefulFake {

    static final String TOKEN = "faults-mattermost-token";
    static final String CHANNEL_ID = "faultschannel0000000000000";

    private final List<Map<String, Object>> posts = new ArrayList<>();

    @Override
    protected void clearState() {
        posts.clear();
    }

    @Override
    protected boolean isWrite(Call call) {
        return call.method().equals("POST") && call.path().equals("/api/v4/posts");
    }

    @Override
    protected ResponseDefinitionBuilder rateLimited() {
        return new ResponseDefinitionBuilder().withStatus(429).withHeader("Content-Type", "text/plain")
                .withHeader("X-Ratelimit-Limit", "10").withHeader("X-Ratelimit-Remaining", "0")
                .withHeader("X-Ratelimit-Reset", "1").withBody("limit exceeded\n");
    }

    @Override
    synchronized Map<String, Integer> inventory() {
        return Map.of("posts", posts.size());
    }

    /** Mattermost's PostList of these posts (oldest first in the list), latest first, at most {@code limit}. */
    private static Map<String, Object> postList(List<Map<String, Object>> oldestFirst, int limit) {
        var order = new ArrayList<String>();
        var byId = new LinkedHashMap<String, Object>();
        for (int i = oldestFirst.size() - 1; i >= 0 && order.size() < limit; i--) {
            var post = oldestFirst.get(i);
            order.add((String) post.get("id"));
            byId.put((String) post.get("id"), post);
        }
        return Map.of("order", order, "posts", byId, "next_post_id", "", "prev_post_id", "");
    }

    /** The posts made, oldest first, with their props (for assertions). */
    synchronized List<Map<String, Object>> posts() {
        return List.copyOf(posts);
    }

    @Override
    protected ResponseDefinitionBuilder answer(Call call) {
        if (!("Bearer " + TOKEN).equals(call.request().getHeader("Authorization"))) {
            return json(401, Map.of("id", "api.context.session_expired.app_error", "message", "Invalid or expired session",
                    "status_code", 401));
        }
        if (call.path().equals("/api/v4/users/me")) {
            return json(200, Map.of("id", "faultsbot00000000000000000", "username", "guichet"));
        }
        if (isWrite(call)) {
            var body = call.json();
            var post = new LinkedHashMap<String, Object>();
            post.put("id", "post" + (posts.size() + 1));
            post.put("channel_id", body.path("channel_id").asText());
            post.put("root_id", body.path("root_id").asText(""));
            post.put("message", body.path("message").asText());
            var props = new LinkedHashMap<String, String>();
            body.path("props").fields().forEachRemaining(e -> props.put(e.getKey(), e.getValue().asText()));
            post.put("props", props);
            post.put("delete_at", 0);
            posts.add(post);
            return json(201, post);
        }
        if (call.method().equals("GET") && call.path().equals("/api/v4/channels/" + CHANNEL_ID + "/posts")) {
            int perPage = Integer.parseInt(call.query().getOrDefault("per_page", "60"));
            return json(200, postList(posts.stream().filter(p -> CHANNEL_ID.equals(p.get("channel_id"))).toList(),
                    perPage));
        }
        if (call.method().equals("GET") && call.path().startsWith("/api/v4/posts/")
                && call.path().endsWith("/thread")) {
            String root = call.path().substring("/api/v4/posts/".length(), call.path().length() - "/thread".length());
            if (posts.stream().noneMatch(p -> root.equals(p.get("id")))) {
                return json(404, Map.of("id", "app.post.get.app_error", "message", "Unable to get the post.",
                        "status_code", 404));
            }
            return json(200, postList(posts.stream()
                    .filter(p -> root.equals(p.get("id")) || root.equals(p.get("root_id"))).toList(), Integer.MAX_VALUE));
        }
        return json(404, Map.of("id", "api.context.404.app_error", "message", "not found", "status_code", 404));
    }
}
