package fr.beta.guichet.tasks;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Links to the pages of the task list that keep its filters; a filter that is not set is left out of the link.
 * Paths are relative to the application, for {@code th:href="@{${links.page(n)}}"}.
 */
public record TaskListLinks(String type, String group) {

    public String page(int page) {
        var link = new StringBuilder("/taches?");
        if (type != null) {
            link.append("type=").append(URLEncoder.encode(type, StandardCharsets.UTF_8)).append('&');
        }
        if (group != null) {
            link.append("group=").append(URLEncoder.encode(group, StandardCharsets.UTF_8)).append('&');
        }
        return link.append("page=").append(page).toString();
    }
}
