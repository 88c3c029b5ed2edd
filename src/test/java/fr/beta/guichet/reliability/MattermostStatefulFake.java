package fr.beta.guichet.reliability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/**
 * Mattermost REST API v4 for one channel: {@code GET /api/v4/users/me} and {@code POST /api/v4/posts} (201 with
 * the post), posts kept in a list. The write is {@code POST /api/v4/posts}. A 429 carries
 * {@code X-Ratelimit-Reset} (seconds) and the body {@code limit exceeded}, as Mattermost does.
 */
class MattermostStatefulFake extends StatefulFake {

    static final String TOKEN = "faults-mattermost-token";
    static final String CHANNEL_ID = "faultschannel0000000000000";

    private final List<Map<String, String>> posts = new ArrayList<>();

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
            var post = new LinkedHashMap<String, String>();
            post.put("id", "post" + (posts.size() + 1));
            post.put("channel_id", body.path("channel_id").asText());
            post.put("message", body.path("message").asText());
            posts.add(post);
            return json(201, post);
        }
        return json(404, Map.of("id", "api.context.404.app_error", "message", "not found", "status_code", 404));
    }
}
