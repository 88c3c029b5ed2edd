package fr.beta.guichet.reliability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/**
 * Matomo's HTTP API ({@code POST /index.php}, form body, {@code token_auth} in the body): sites, users (invited)
 * and accesses, in lists so that a duplicate is counted. Matomo does not check that a site URL is unique, so a
 * second {@code addSite} really makes a second site here too. Errors are Matomo's HTTP 200
 * {@code {"result":"error"}}; a bad token is a 401. Writes are {@code SitesManager.addSite} and
 * {@code UsersManager.inviteUser}.
 */
class MatomoStatefulFake extends StatefulFake {

    static final String TOKEN = "faults-matomo-token";

    private static final Set<String> WRITES = Set.of("SitesManager.addSite", "UsersManager.inviteUser");

    record Site(int id, String name, String url) {
    }

    record User(String login, String email) {
    }

    private final List<Site> sites = new ArrayList<>();
    private final List<User> users = new ArrayList<>();
    private final Map<String, String> accesses = new LinkedHashMap<>();

    @Override
    protected void clearState() {
        sites.clear();
        users.clear();
        accesses.clear();
    }

    @Override
    protected boolean isWrite(Call call) {
        return WRITES.contains(call.form().get("method"));
    }

    @Override
    protected ResponseDefinitionBuilder rateLimited() {
        // Matomo itself has no rate limit; a proxy in front of it would send the standard header.
        return json(429, Map.of("result", "error", "message", "Too many requests")).withHeader("Retry-After", "1");
    }

    @Override
    synchronized Map<String, Integer> inventory() {
        var inventory = new LinkedHashMap<String, Integer>();
        inventory.put("sites", sites.size());
        inventory.put("users", users.size());
        inventory.put("accesses", accesses.size());
        return inventory;
    }

    @Override
    protected ResponseDefinitionBuilder answer(Call call) {
        if (!call.method().equals("POST") || !call.path().equals("/index.php")) {
            return json(404, Map.of("result", "error", "message", "fake: no route"));
        }
        Map<String, String> form = call.form();
        if (!TOKEN.equals(form.get("token_auth"))) {
            return json(401, error("You can't access this resource as it requires 'superuser' access."));
        }
        String method = form.getOrDefault("method", "");
        return switch (method) {
            case "SitesManager.getSitesIdFromSiteUrl" -> json(200, sites.stream()
                    .filter(s -> sameUrl(s.url(), form.get("url")))
                    .map(s -> Map.of("idsite", Integer.toString(s.id()))).toList());
            case "SitesManager.addSite" -> {
                var site = new Site(sites.size() + 1, form.get("siteName"), form.get("urls[0]"));
                sites.add(site);
                yield json(200, Map.of("value", site.id()));
            }
            case "UsersManager.getUserByEmail" -> users.stream().filter(u -> u.email().equals(form.get("userEmail")))
                    .findFirst().map(u -> json(200, Map.of("login", u.login(), "email", u.email())))
                    .orElseGet(() -> json(200, error("User with email '" + form.get("userEmail") + "' doesn't exist.")));
            case "UsersManager.userExists" -> json(200,
                    Map.of("value", users.stream().anyMatch(u -> u.login().equals(form.get("userLogin")))));
            case "UsersManager.inviteUser" -> {
                if (users.stream().anyMatch(u -> u.login().equals(form.get("userLogin")))) {
                    yield json(200, error("Username '" + form.get("userLogin") + "' already exists."));
                }
                users.add(new User(form.get("userLogin"), form.get("email")));
                accesses.put(form.get("userLogin") + "@" + form.get("initialIdSite"), "view");
                yield json(200, Map.of("result", "success", "message", "ok"));
            }
            case "UsersManager.getSitesAccessFromUser" -> {
                String login = form.get("userLogin");
                if (users.stream().noneMatch(u -> u.login().equals(login))) {
                    yield json(200, error("User '" + login + "' doesn't exist."));
                }
                yield json(200, accesses.entrySet().stream().filter(e -> e.getKey().startsWith(login + "@"))
                        .map(e -> Map.of("site", e.getKey().substring(login.length() + 1), "access", e.getValue()))
                        .toList());
            }
            case "UsersManager.setUserAccess" -> {
                accesses.put(form.get("userLogin") + "@" + form.get("idSites"), form.get("access"));
                yield json(200, Map.of("result", "success", "message", "ok"));
            }
            default -> json(200, error("The method '" + method + "' does not exist or is not available in the module."));
        };
    }

    private static Map<String, String> error(String message) {
        return Map.of("result", "error", "message", message);
    }

    /** As Matomo: scheme, a leading {@code www.} and a trailing slash are ignored. */
    private static boolean sameUrl(String a, String b) {
        return normalize(a).equals(normalize(b));
    }

    private static String normalize(String url) {
        return url == null ? "" : url.replaceFirst("^https?://", "").replaceFirst("^www\\.", "").replaceAll("/+$", "");
    }
}
