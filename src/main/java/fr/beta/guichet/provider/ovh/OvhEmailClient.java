package fr.beta.guichet.provider.ovh;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.web.util.UriUtils;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.beta.guichet.provider.ProviderUnavailableException;

/**
 * {@link EmailDomainClient} on the live OVH API ({@code /email/domain/{domain}/…}, MX Plan).
 * <p>
 * The mailbox password only ever travels in the body of {@code POST …/account}, sent through
 * {@link OvhApi#postWithSecret}, which masks it in every failure message, OVH's own text included. Neither this
 * class nor {@link OvhApi} logs bodies; Apache HttpClient's wire logger ({@code org.apache.http.wire}) would, at
 * DEBUG, and must stay above it like Camunda Connect's.
 */
public class OvhEmailClient implements EmailDomainClient {

    private final OvhApi api;

    public OvhEmailClient(OvhApi api) {
        this.api = api;
    }

    /** {@code GET …/account/{accountName}} → {@code {accountName, description, domain, email, isBlocked, size}}. */
    @Override
    public Optional<MailAccount> findAccount(String domain, String accountName) {
        return api.find(domainPath(domain) + "/account/" + segment(accountName), Map.of())
                .map(node -> toAccount(domain, accountName, node));
    }

    /** {@code POST …/account} with {@code {accountName, password, description, size}} → {@code TaskPop}. */
    @Override
    public EmailTask createAccount(String domain, String accountName, String password, String description) {
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("accountName", accountName)
                .put("password", password);
        if (description != null) {
            body.put("description", description);
        }
        body.put("size", DEFAULT_ACCOUNT_SIZE);
        return toTask(domain, "name", accountName,
                api.postWithSecret(domainPath(domain) + "/account", body, password));
    }

    /**
     * {@code GET …/redirection?from=&to=} gives ids (strings), then each redirection is read. One deleted between
     * the two calls is skipped, and the answer is filtered again on the addresses (ignoring case), in case OVH's
     * filters are looser than asked (unverified).
     */
    @Override
    public List<MailRedirection> findRedirections(String domain, String from, String toOrNull) {
        var filters = new LinkedHashMap<String, String>();
        filters.put("from", from);
        filters.put("to", toOrNull);
        JsonNode ids = api.get(domainPath(domain) + "/redirection", filters);
        if (!ids.isArray()) {
            throw unreadable(domain, "redirection id list");
        }
        var redirections = new ArrayList<MailRedirection>();
        for (JsonNode id : ids) {
            if (!id.isValueNode() || id.isNull() || id.asText().isBlank()) {
                throw unreadable(domain, "redirection id " + id);
            }
            api.find(domainPath(domain) + "/redirection/" + segment(id.asText()), Map.of())
                    .map(node -> toRedirection(domain, node))
                    .filter(found -> found.from().equalsIgnoreCase(from))
                    .filter(found -> toOrNull == null || found.to().equalsIgnoreCase(toOrNull))
                    .ifPresent(redirections::add);
        }
        return redirections;
    }

    /**
     * {@code POST …/redirection} with {@code {from, to, localCopy}} → {@code TaskSpecialAccount {id, account,
     * action, date, domain, type}}; {@code account} becomes the task's name.
     */
    @Override
    public EmailTask createRedirection(String domain, String from, String to, boolean localCopy) {
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("from", from)
                .put("to", to)
                .put("localCopy", localCopy);
        return toTask(domain, "account", from, api.post(domainPath(domain) + "/redirection", body));
    }

    /**
     * {@code GET …/task/account?name=} gives task ids (numbers), then {@code GET …/task/account/{id}} each task.
     * <b>Unverified shape</b>: the ids list is assumed to be {@code long[]} like every OVH listing, and each task a
     * {@code TaskPop {id, action, date, domain, name}} like the answer of {@code POST …/account}; OVH is assumed to
     * list only tasks not yet done. Tasks are filtered again on the name when they carry one, a task finished
     * between the two calls (404) is skipped, and the result is ordered by id.
     */
    @Override
    public List<EmailTask> pendingAccountTasks(String domain, String accountName) {
        JsonNode ids = api.get(domainPath(domain) + "/task/account", Map.of("name", accountName));
        if (!ids.isArray()) {
            throw unreadable(domain, "task id list");
        }
        var tasks = new ArrayList<EmailTask>();
        for (JsonNode id : ids) {
            if (!id.canConvertToLong()) {
                throw unreadable(domain, "task id " + id);
            }
            api.find(domainPath(domain) + "/task/account/" + id.asLong(), Map.of())
                    .map(node -> toTask(domain, "name", accountName, node))
                    .filter(task -> task.name().equalsIgnoreCase(accountName))
                    .ifPresent(tasks::add);
        }
        tasks.sort(Comparator.comparingLong(EmailTask::id));
        return tasks;
    }

    /**
     * {@code GET …/task/redirection?account=} gives task ids, then {@code GET …/task/redirection/{id}} each
     * {@code TaskSpecialAccount}. <b>Unverified</b>: that {@code account} holds the redirected address; tasks are
     * filtered again on it, a task finished between the two calls (404) is skipped, the result ordered by id.
     */
    @Override
    public List<EmailTask> pendingRedirectionTasks(String domain, String from) {
        JsonNode ids = api.get(domainPath(domain) + "/task/redirection", Map.of("account", from));
        if (!ids.isArray()) {
            throw unreadable(domain, "task id list");
        }
        var tasks = new ArrayList<EmailTask>();
        for (JsonNode id : ids) {
            if (!id.canConvertToLong()) {
                throw unreadable(domain, "task id " + id);
            }
            api.find(domainPath(domain) + "/task/redirection/" + id.asLong(), Map.of())
                    .map(node -> toTask(domain, "account", from, node))
                    .filter(task -> task.name().equalsIgnoreCase(from))
                    .ifPresent(tasks::add);
        }
        tasks.sort(Comparator.comparingLong(EmailTask::id));
        return tasks;
    }

    /**
     * A deletion task already running on {@code from} counts as done (its redirection is still listed until OVH
     * runs it); otherwise each redirection {@code from → to} is deleted, one already gone (404) being done.
     */
    @Override
    public void removeRedirection(String domain, String from, String to) {
        List<MailRedirection> existing = findRedirections(domain, from, to);
        if (existing.isEmpty() || pendingRedirectionTasks(domain, from).stream().anyMatch(OvhEmailClient::deletion)) {
            return;
        }
        for (MailRedirection redirection : existing) {
            api.delete(domainPath(domain) + "/redirection/" + segment(redirection.id()));
        }
    }

    /** A deletion task already running counts as done; an absent mailbox (or one gone meanwhile, 404) too. */
    @Override
    public void removeAccount(String domain, String accountName) {
        if (pendingAccountTasks(domain, accountName).stream().anyMatch(OvhEmailClient::deletion)
                || findAccount(domain, accountName).isEmpty()) {
            return;
        }
        api.delete(domainPath(domain) + "/account/" + segment(accountName));
    }

    /** OVH's action of a deletion task ({@code delete}; the exact word for MX Plan tasks is unverified). */
    private static boolean deletion(EmailTask task) {
        return task.action().toLowerCase(java.util.Locale.ROOT).contains("delete");
    }

    private static String domainPath(String domain) {
        return "/email/domain/" + segment(domain);
    }

    private static String segment(String value) {
        return UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
    }

    private static MailAccount toAccount(String domain, String accountName, JsonNode node) {
        if (!node.isObject() || node.has("size") && !node.get("size").canConvertToLong()) {
            throw unreadable(domain, "account");
        }
        String name = node.path("accountName").asText(accountName);
        return new MailAccount(name, node.path("email").asText(name + "@" + domain),
                node.path("description").asText(""), node.path("isBlocked").asBoolean(false),
                node.path("size").asLong(0));
    }

    private static MailRedirection toRedirection(String domain, JsonNode node) {
        JsonNode id = node.path("id");
        if (!id.isValueNode() || id.isNull() || !node.path("from").isTextual() || !node.path("to").isTextual()) {
            throw unreadable(domain, "redirection");
        }
        return new MailRedirection(id.asText(), node.get("from").asText(), node.get("to").asText());
    }

    /**
     * @param nameField    {@code name} for a {@code TaskPop}, {@code account} for a {@code TaskSpecialAccount}
     * @param nameFallback used when OVH leaves the field out
     */
    private static EmailTask toTask(String domain, String nameField, String nameFallback, JsonNode node) {
        if (!node.path("id").canConvertToLong()) {
            throw unreadable(domain, "task");
        }
        return new EmailTask(node.get("id").asLong(), node.path("action").asText(""), node.path("date").asText(""),
                node.path("domain").asText(domain), node.path(nameField).asText(nameFallback));
    }

    private static ProviderUnavailableException unreadable(String domain, String what) {
        return new ProviderUnavailableException(OvhApi.PROVIDER, "unreadable " + what + " for email domain " + domain);
    }
}
