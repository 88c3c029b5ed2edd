package fr.beta.guichet.reliability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import fr.beta.guichet.provider.ovh.OvhSignature;

/**
 * OVH API v1 under {@code /1.0}: DNS zone records and MX Plan mailboxes, kept in lists so that a duplicate is
 * counted. Checks every authenticated call's keys, timestamp and signature like the provider test fake
 * {@code OvhFake} (same rule, {@code 400 INVALID_SIGNATURE} otherwise). Mailbox creation is asynchronous as at
 * OVH: {@code POST …/account} answers a task, and the mailbox exists once {@link #runEmailTasks()} is called.
 * Writes are {@code POST …/record} and {@code POST …/account}; the zone refresh is not a fault target.
 */
class OvhStatefulFake extends StatefulFake {

    static final String APPLICATION_KEY = "faultsApplicationKey";
    static final String APPLICATION_SECRET = "faultsApplicationSecret0123456789";
    static final String CONSUMER_KEY = "faultsConsumerKey0123456789abcdef";
    static final long CLOCK_OFFSET_SECONDS = 3600;

    private static final Pattern RECORDS = Pattern.compile("/1\\.0/domain/zone/([^/]+)/record");
    private static final Pattern RECORD = Pattern.compile("/1\\.0/domain/zone/([^/]+)/record/(\\d+)");
    private static final Pattern REFRESH = Pattern.compile("/1\\.0/domain/zone/([^/]+)/refresh");
    private static final Pattern ACCOUNTS = Pattern.compile("/1\\.0/email/domain/([^/]+)/account");
    private static final Pattern ACCOUNT = Pattern.compile("/1\\.0/email/domain/([^/]+)/account/([^/]+)");
    private static final Pattern TASKS = Pattern.compile("/1\\.0/email/domain/([^/]+)/task/account");
    private static final Pattern TASK = Pattern.compile("/1\\.0/email/domain/([^/]+)/task/account/(\\d+)");
    private static final Pattern REDIRECTIONS = Pattern.compile("/1\\.0/email/domain/([^/]+)/redirection");

    record Record(long id, String zone, String subDomain, String fieldType, String target, int ttl) {
    }

    record Task(long id, String domain, String name) {
    }

    private final List<Record> records = new ArrayList<>();
    private final List<Task> pendingTasks = new ArrayList<>();
    /** Mailboxes created by tasks, one entry per creation: a second creation of a name is a duplicate. */
    private final List<String> accounts = new ArrayList<>();
    private long nextId = 5023847000L;
    private int badlySigned;
    private int refreshes;

    String endpoint() {
        return baseUrl() + "/1.0";
    }

    @Override
    protected void clearState() {
        records.clear();
        pendingTasks.clear();
        accounts.clear();
        badlySigned = 0;
        refreshes = 0;
    }

    @Override
    protected boolean isWrite(Call call) {
        return call.method().equals("POST")
                && (RECORDS.matcher(call.path()).matches() || ACCOUNTS.matcher(call.path()).matches());
    }

    @Override
    protected ResponseDefinitionBuilder rateLimited() {
        // OVH documents no rate-limit header; the standard Retry-After is the most likely shape (unverified).
        return json(429, Map.of("message", "Too many requests")).withHeader("Retry-After", "1");
    }

    /** OVH runs the pending mailbox tasks: each creates its mailbox. */
    synchronized void runEmailTasks() {
        pendingTasks.forEach(task -> accounts.add(task.name()));
        pendingTasks.clear();
    }

    synchronized List<Record> records() {
        return List.copyOf(records);
    }

    synchronized int badlySigned() {
        return badlySigned;
    }

    synchronized int refreshes() {
        return refreshes;
    }

    @Override
    synchronized Map<String, Integer> inventory() {
        var inventory = new LinkedHashMap<String, Integer>();
        inventory.put("dns records", records.size());
        inventory.put("mailboxes", accounts.size() + pendingTasks.size());
        return inventory;
    }

    @Override
    protected ResponseDefinitionBuilder answer(Call call) {
        String path = call.path();
        if (path.equals("/1.0/auth/time")) {
            return json(200, Long.toString(serverNow()));
        }
        if (badlySigned(call)) {
            badlySigned++;
            return json(400, Map.of("errorCode", "INVALID_SIGNATURE", "message", "Invalid signature"));
        }
        Matcher m;
        if ((m = RECORDS.matcher(path)).matches()) {
            return call.method().equals("POST") ? createRecord(decode(m.group(1)), call.json()) : listRecords(call);
        }
        if ((m = RECORD.matcher(path)).matches()) {
            long id = Long.parseLong(m.group(2));
            return records.stream().filter(r -> r.id() == id).findFirst()
                    .map(r -> json(200, r)).orElseGet(StatefulFake::notFound);
        }
        if ((m = REFRESH.matcher(path)).matches()) {
            refreshes++;
            return json(200, "null");
        }
        if ((m = ACCOUNTS.matcher(path)).matches() && call.method().equals("POST")) {
            JsonNode body = call.json();
            var task = new Task(nextId++, decode(m.group(1)), body.path("accountName").asText());
            pendingTasks.add(task);
            return json(200, Map.of("id", task.id(), "action", "addAccount", "date", Instant.now().toString(),
                    "domain", task.domain(), "name", task.name()));
        }
        if ((m = ACCOUNT.matcher(path)).matches()) {
            String name = decode(m.group(2));
            String domain = decode(m.group(1));
            return accounts.contains(name)
                    ? json(200, Map.of("accountName", name, "description", "", "domain", domain,
                            "email", name + "@" + domain, "isBlocked", false, "size", 5000000000L))
                    : notFound();
        }
        if ((m = TASKS.matcher(path)).matches()) {
            String name = call.query().get("name");
            return json(200, pendingTasks.stream().filter(t -> t.name().equals(name)).map(Task::id).toList());
        }
        if ((m = TASK.matcher(path)).matches()) {
            long id = Long.parseLong(m.group(2));
            return pendingTasks.stream().filter(t -> t.id() == id).findFirst()
                    .map(t -> json(200, Map.of("id", t.id(), "action", "addAccount", "domain", t.domain(),
                            "name", t.name())))
                    .orElseGet(StatefulFake::notFound);
        }
        if ((m = REDIRECTIONS.matcher(path)).matches() && call.method().equals("GET")) {
            return json(200, List.of()); // redirections are not exercised here
        }
        return json(404, Map.of("class", "Client::NotFound", "message", "fake: no route " + call.method() + " " + path));
    }

    private ResponseDefinitionBuilder createRecord(String zone, JsonNode body) {
        var record = new Record(nextId++, zone, body.path("subDomain").asText(""), body.path("fieldType").asText(),
                body.path("target").asText(), body.path("ttl").asInt(0));
        records.add(record);
        return json(200, record);
    }

    private ResponseDefinitionBuilder listRecords(Call call) {
        String fieldType = call.query().get("fieldType");
        String subDomain = call.query().get("subDomain");
        return json(200, records.stream()
                .filter(r -> fieldType == null || r.fieldType().equals(fieldType))
                .filter(r -> subDomain == null || r.subDomain().equalsIgnoreCase(subDomain))
                .map(Record::id).toList());
    }

    private static boolean badlySigned(Call call) {
        String timestamp = call.request().getHeader("X-Ovh-Timestamp");
        if (timestamp == null || !APPLICATION_KEY.equals(call.request().getHeader("X-Ovh-Application"))
                || !CONSUMER_KEY.equals(call.request().getHeader("X-Ovh-Consumer"))
                || Math.abs(Long.parseLong(timestamp) - serverNow()) > 30) {
            return true;
        }
        String expected = OvhSignature.sign(APPLICATION_SECRET, CONSUMER_KEY, call.method(),
                call.request().getAbsoluteUrl(), call.body(), Long.parseLong(timestamp));
        return !expected.equals(call.request().getHeader("X-Ovh-Signature"));
    }

    static long serverNow() {
        return Instant.now().getEpochSecond() + CLOCK_OFFSET_SECONDS;
    }
}
