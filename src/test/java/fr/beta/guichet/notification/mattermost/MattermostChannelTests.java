package fr.beta.guichet.notification.mattermost;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import fr.beta.guichet.notification.ChatMessage;
import fr.beta.guichet.provider.ConnectHttpTransport;
import fr.beta.guichet.provider.ProviderMode;
import fr.beta.guichet.provider.ProviderUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live client against a local fake of Mattermost's REST API v4 that only answers authenticated requests with
 * the expected paths and bodies, and answers with the server's JSON, errors included.
 */
class MattermostChannelTests {

    private static final String TOKEN = "pzi4c7zra9sqonmb8pjdt6a1ty";
    private static final String CHANNEL_ID = "xe1tg9iboq6c8cg78enqowm3sc";
    private static final String BOT_USER_ID = "edmyj93eds5rcd4g8kht7co64c";
    private static final String POST_ID = "naswrfdx15bk3wsg5fnkmhrj5k";
    private static final String ROOT_ID = "ye6fsybwya4o3tgr61ow4n8bx3";
    private static final String OTHER_ID = "q3tgr61ow4n8bx3ye6fsybwya4";
    private static final String KEY = "SUB-2026-0001:announce";
    private static final String REPLY_KEY = "SUB-2026-0001:claimed";
    private static final String CHANNEL_POSTS = "/api/v4/channels/" + CHANNEL_ID + "/posts?per_page=200&collapsedThreads=true";
    private static final String THREAD = "/api/v4/posts/" + ROOT_ID + "/thread";

    private WireMockServer mattermost;
    private MattermostChannel channel;

    @BeforeEach
    void start() {
        mattermost = new WireMockServer(options().dynamicPort());
        mattermost.start();
        channel = channel(Duration.ofSeconds(2));
        // by default nothing was posted yet: the lookups find no post with the key
        mattermost.stubFor(authenticated(get(urlEqualTo(CHANNEL_POSTS))).atPriority(10)
                .willReturn(json(200, postList())));
        mattermost.stubFor(authenticated(get(urlEqualTo(THREAD))).atPriority(10)
                .willReturn(json(200, postList(postJson(ROOT_ID, "", "Nouvelle demande", KEY)))));
    }

    @AfterEach
    void stop() {
        mattermost.stop();
    }

    @Test
    void postCreatesRootPostInOpsChannelAndReturnsItsId() {
        mattermost.stubFor(authenticated(post("/api/v4/posts"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"channel_id": "%s", "message": "Nouvelle demande : sous-domaine *monsite* 🎉",
                         "props": {"guichet_key": "%s"}}
                        """.formatted(CHANNEL_ID, KEY)))
                .willReturn(created(postJson(POST_ID, "", "Nouvelle demande : sous-domaine *monsite* 🎉"))));

        String id = channel.post(KEY, app("Nouvelle demande : sous-domaine *monsite* 🎉"));

        assertThat(id).isEqualTo(POST_ID);
        mattermost.verify(1, getRequestedFor(urlEqualTo(CHANNEL_POSTS)));
        mattermost.verify(1, postRequestedFor(urlEqualTo("/api/v4/posts")));
    }

    @Test
    void postWhoseKeyIsAlreadyInTheChannelReturnsThatPostAndPostsNothing() {
        mattermost.stubFor(authenticated(get(urlEqualTo(CHANNEL_POSTS))).willReturn(json(200, postList(
                postJson(OTHER_ID, "", "Nouvelle demande SUB-2026-0002", "SUB-2026-0002:announce"),
                postJson(POST_ID, "", "Nouvelle demande", KEY),
                postJson(ROOT_ID, "", "Message sans clé", null)))));

        assertThat(channel.post(KEY, app("Nouvelle demande"))).isEqualTo(POST_ID);

        mattermost.verify(0, postRequestedFor(urlEqualTo("/api/v4/posts")));
    }

    @Test
    void postWhoseKeyIsOnlyOnADeletedPostPostsAgain() {
        mattermost.stubFor(authenticated(get(urlEqualTo(CHANNEL_POSTS))).willReturn(json(200, postList(
                postJson(OTHER_ID, "", "Nouvelle demande", KEY).replace("\"delete_at\": 0", "\"delete_at\": 1")))));
        mattermost.stubFor(authenticated(post("/api/v4/posts"))
                .willReturn(created(postJson(POST_ID, "", "Nouvelle demande", KEY))));

        assertThat(channel.post(KEY, app("Nouvelle demande"))).isEqualTo(POST_ID);
        mattermost.verify(1, postRequestedFor(urlEqualTo("/api/v4/posts")));
    }

    @Test
    void replyWhoseKeyIsAlreadyInTheThreadPostsNothing() {
        mattermost.stubFor(authenticated(get(urlEqualTo(THREAD))).willReturn(json(200, postList(
                postJson(ROOT_ID, "", "Nouvelle demande", KEY),
                postJson(POST_ID, ROOT_ID, "Pris en charge par florian", REPLY_KEY)))));

        channel.reply(ROOT_ID, REPLY_KEY, app("Pris en charge par florian"));

        mattermost.verify(1, getRequestedFor(urlEqualTo(THREAD)));
        mattermost.verify(0, postRequestedFor(urlEqualTo("/api/v4/posts")));
    }

    @Test
    void failingLookupIsUnavailableAndPostsNothing() {
        mattermost.stubFor(get(urlEqualTo(CHANNEL_POSTS)).willReturn(appError(500, "app.post.get_posts.app_error",
                "Unable to get the posts.")));
        mattermost.stubFor(get(urlEqualTo(THREAD)).willReturn(appError(403, "api.context.permissions.app_error",
                "You do not have the appropriate permissions.")));

        assertThatThrownBy(() -> channel.post(KEY, app("Nouvelle demande")))
                .isExactlyInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("GET " + CHANNEL_POSTS + " answered 500")
                .hasMessageNotContaining(TOKEN);
        assertThatThrownBy(() -> channel.reply(ROOT_ID, REPLY_KEY, app("Fait")))
                .isExactlyInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("GET " + THREAD + " answered 403");
        mattermost.verify(0, postRequestedFor(urlEqualTo("/api/v4/posts")));
    }

    @Test
    void lookupAnswerWithoutPostsIsUnavailable() {
        mattermost.stubFor(authenticated(get(urlEqualTo(CHANNEL_POSTS))).willReturn(json(200, "{\"order\": []}")));

        assertThatThrownBy(() -> channel.post(KEY, app("Nouvelle demande")))
                .isExactlyInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("answered without \"posts\"");
        mattermost.verify(0, postRequestedFor(urlEqualTo("/api/v4/posts")));
    }

    @Test
    void replyPostsInThreadWithRootId() {
        mattermost.stubFor(authenticated(post("/api/v4/posts"))
                .withRequestBody(equalToJson("""
                        {"channel_id": "%s", "message": "Pris en charge par florian", "root_id": "%s",
                         "props": {"guichet_key": "%s"}}
                        """.formatted(CHANNEL_ID, ROOT_ID, REPLY_KEY)))
                .willReturn(created(postJson(POST_ID, ROOT_ID, "Pris en charge par florian"))));

        channel.reply(ROOT_ID, REPLY_KEY, app("Pris en charge par florian"));

        mattermost.verify(1, getRequestedFor(urlEqualTo(THREAD)));
        mattermost.verify(1, postRequestedFor(urlEqualTo("/api/v4/posts")));
    }

    @Test
    void reactFetchesBotUserOnceThenPostsReactionsAsThatUser() {
        mattermost.stubFor(authenticated(get("/api/v4/users/me")).willReturn(json(200, """
                {"id": "%s", "create_at": 1767225600000, "update_at": 1767225600000, "delete_at": 0,
                 "username": "guichet-ops", "auth_data": "", "auth_service": "", "email": "guichet-ops@localhost",
                 "nickname": "", "first_name": "Guichet", "last_name": "Ops", "position": "",
                 "roles": "system_user", "is_bot": true, "bot_description": "Guichet Ops", "locale": "fr"}
                """.formatted(BOT_USER_ID))));
        for (String emoji : new String[] {"white_check_mark", "eyes"}) {
            // The server answers 200 here although the API reference documents 201.
            mattermost.stubFor(authenticated(post("/api/v4/reactions"))
                    .withRequestBody(equalToJson("""
                            {"user_id": "%s", "post_id": "%s", "emoji_name": "%s"}
                            """.formatted(BOT_USER_ID, ROOT_ID, emoji)))
                    .willReturn(json(200, """
                            {"user_id": "%s", "post_id": "%s", "emoji_name": "%s", "create_at": 1767225600000,
                             "update_at": 1767225600000, "delete_at": 0, "remote_id": "", "channel_id": "%s"}
                            """.formatted(BOT_USER_ID, ROOT_ID, emoji, CHANNEL_ID))));
        }

        channel.react(ROOT_ID, "white_check_mark");
        channel.react(ROOT_ID, "eyes");

        mattermost.verify(1, getRequestedFor(urlEqualTo("/api/v4/users/me")));
        mattermost.verify(2, postRequestedFor(urlEqualTo("/api/v4/reactions")));
    }

    @Test
    void badTokenIsUnavailableAndNeverShowsTheToken() {
        mattermost.stubFor(post("/api/v4/posts").willReturn(appError(401, "api.context.session_expired.app_error",
                "Invalid or expired session, please login again.")));

        assertThatThrownBy(() -> channel.post(KEY, app("Nouvelle demande")))
                .isExactlyInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("mattermost: POST /api/v4/posts answered 401")
                .hasMessageContaining("api.context.session_expired.app_error")
                .hasMessageContaining("request_id=")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void proxyPageEchoingTheTokenIsScrubbedFromTheMessage() {
        mattermost.stubFor(post("/api/v4/posts").willReturn(aResponse().withStatus(502)
                .withHeader("Content-Type", "text/html")
                .withBody("<html><body>Bad gateway for Authorization: Bearer " + TOKEN + "</body></html>")));

        assertThatThrownBy(() -> channel.post(KEY, app("Nouvelle demande")))
                .isExactlyInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("answered 502")
                .hasMessageContaining("Bearer <token>")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void missingPermissionIsUnavailable() {
        mattermost.stubFor(post("/api/v4/posts").willReturn(appError(403, "api.context.permissions.app_error",
                "You do not have the appropriate permissions.")));

        assertThatThrownBy(() -> channel.post(KEY, app("Nouvelle demande")))
                .isExactlyInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("answered 403 (bot lacks permission)");
    }

    @Test
    void rateLimitIsUnavailable() {
        mattermost.stubFor(post("/api/v4/posts").willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "text/plain; charset=utf-8")
                .withHeader("X-Ratelimit-Limit", "10")
                .withHeader("X-Ratelimit-Remaining", "0")
                .withHeader("X-Ratelimit-Reset", "1")
                .withBody("limit exceeded\n")));

        assertThatThrownBy(() -> channel.post(KEY, app("Nouvelle demande")))
                .isExactlyInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("answered 429 (rate limited): limit exceeded (X-Ratelimit-Reset=1s)");
    }

    @Test
    void serverErrorIsUnavailable() {
        mattermost.stubFor(post("/api/v4/posts").willReturn(appError(500, "app.post.save.app_error",
                "Unable to save the post.")));

        assertThatThrownBy(() -> channel.post(KEY, app("Nouvelle demande")))
                .isExactlyInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("answered 500 (server error): app.post.save.app_error: Unable to save the post.");
    }

    @Test
    void unknownRootIsUnavailableNotABusinessRefusal() {
        mattermost.stubFor(post("/api/v4/posts").willReturn(appError(400, "api.post.create_post.root_id.app_error",
                "Invalid RootId parameter.")));

        assertThatThrownBy(() -> channel.reply(ROOT_ID, REPLY_KEY, app("Fait")))
                .isExactlyInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("answered 400")
                .hasMessageContaining("api.post.create_post.root_id.app_error: Invalid RootId parameter.");
    }

    @Test
    void failingBotLookupIsUnavailableAndPostsNoReaction() {
        mattermost.stubFor(get("/api/v4/users/me").willReturn(appError(401, "api.context.session_expired.app_error",
                "Invalid or expired session, please login again.")));

        assertThatThrownBy(() -> channel.react(ROOT_ID, "white_check_mark"))
                .isExactlyInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("GET /api/v4/users/me answered 401");
        mattermost.verify(0, postRequestedFor(urlEqualTo("/api/v4/reactions")));
    }

    @Test
    void readTimeoutIsUnavailable() {
        channel = channel(Duration.ofMillis(300));
        mattermost.stubFor(post("/api/v4/posts")
                .willReturn(created(postJson(POST_ID, "", "Nouvelle demande")).withFixedDelay(2_000)));

        assertThatThrownBy(() -> channel.post(KEY, app("Nouvelle demande")))
                .isExactlyInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("POST")
                .hasMessageContaining("SocketTimeoutException");
    }

    @Test
    void connectionRefusedIsUnavailable() {
        int port = mattermost.port();
        mattermost.stop();

        assertThatThrownBy(() -> channel.post(KEY, app("Nouvelle demande")))
                .isExactlyInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("http://localhost:" + port + "/api/v4/channels/" + CHANNEL_ID + "/posts failed");
    }

    @Test
    void malformedJsonIsUnavailable() {
        mattermost.stubFor(post("/api/v4/posts").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"id\": \"" + POST_ID)));

        assertThatThrownBy(() -> channel.post(KEY, app("Nouvelle demande")))
                .isExactlyInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("POST /api/v4/posts answered 201 with unreadable JSON");
    }

    @Test
    void answerWithoutPostIdIsUnavailable() {
        mattermost.stubFor(post("/api/v4/posts").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "text/html").withBody("<html>Maintenance</html>")));

        assertThatThrownBy(() -> channel.post(KEY, app("Nouvelle demande")))
                .isExactlyInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("POST /api/v4/posts answered");
    }

    @Test
    void baseUrlWithTrailingSlashIsAccepted() {
        channel = new MattermostChannel(new MattermostProperties(ProviderMode.LIVE,
                URI.create(mattermost.baseUrl() + "/"), TOKEN, CHANNEL_ID, null, null),
                new ConnectHttpTransport("mattermost", Duration.ofSeconds(5), Duration.ofSeconds(15)));
        mattermost.stubFor(authenticated(post("/api/v4/posts"))
                .willReturn(created(postJson(POST_ID, "", "Nouvelle demande"))));

        assertThat(channel.post(KEY, app("Nouvelle demande"))).isEqualTo(POST_ID);
    }

    private MattermostChannel channel(Duration readTimeout) {
        return new MattermostChannel(new MattermostProperties(ProviderMode.LIVE, URI.create(mattermost.baseUrl()),
                TOKEN, CHANNEL_ID, Duration.ofSeconds(1), readTimeout),
                new ConnectHttpTransport("mattermost", Duration.ofSeconds(1), readTimeout));
    }

    /** The app's own text, sent as is. */
    private static ChatMessage app(String text) {
        return new ChatMessage(java.util.List.of(new ChatMessage.AppText(text)));
    }

    private static MappingBuilder authenticated(MappingBuilder request) {
        return request.withHeader("Authorization", equalTo("Bearer " + TOKEN));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static ResponseDefinitionBuilder created(String body) {
        return json(201, body);
    }

    private static ResponseDefinitionBuilder appError(int status, String id, String message) {
        return json(status, """
                {"id": "%s", "message": "%s", "detailed_error": "", "request_id": "k3wsg5fnkmhrj5knaswrfdx15b",
                 "status_code": %d}
                """.formatted(id, message, status));
    }

    private static String postJson(String id, String rootId, String message) {
        return postJson(id, rootId, message, null);
    }

    private static String postJson(String id, String rootId, String message, String key) {
        String props = key == null ? "{}" : "{\"guichet_key\": \"" + key + "\", \"from_bot\": \"true\"}";
        return """
                {"id": "%s", "create_at": 1767225600000, "update_at": 1767225600000, "edit_at": 0, "delete_at": 0,
                 "is_pinned": false, "user_id": "%s", "channel_id": "%s", "root_id": "%s", "original_id": "",
                 "message": "%s", "type": "", "props": %s, "hashtags": "", "pending_post_id": "",
                 "reply_count": 0, "last_reply_at": 0, "participants": null, "metadata": {}}
                """.formatted(id, BOT_USER_ID, CHANNEL_ID, rootId, message, props);
    }

    /** Mattermost's PostList: {@code order} (latest first) and {@code posts} by id. */
    private static String postList(String... posts) {
        var order = new java.util.ArrayList<String>();
        var byId = new java.util.ArrayList<String>();
        for (String post : posts) {
            String id = post.substring(post.indexOf("\"id\": \"") + 7, post.indexOf("\"id\": \"") + 7 + 26);
            order.add("\"" + id + "\"");
            byId.add("\"" + id + "\": " + post);
        }
        return "{\"order\": [" + String.join(", ", order) + "], \"posts\": {" + String.join(", ", byId)
                + "}, \"next_post_id\": \"\", \"prev_post_id\": \"\", \"has_next\": false}";
    }
}
