package fr.beta.guichet.provider.ovh;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import fr.beta.guichet.provider.ProviderRejectedException;
import fr.beta.guichet.provider.ProviderUnavailableException;

/**
 * {@link EmailDomainClient} of the sandbox mode: an in-memory MX Plan domain {@value #DOMAIN} that answers like the
 * live API, asynchronously. A write returns its task at once and the mailbox or redirection shows in
 * {@code find*}, {@link #accounts} and {@link #redirections} only once the processing delay has passed; until then
 * the mailbox creation is listed by {@link #pendingAccountTasks}. Mailbox {@code contact} and the redirection
 * {@code bonjour@ → contact@} exist from the start, so that a taken name can be shown. Thread-safe.
 * <p>
 * Refusals, with the messages the live client raises through {@link OvhApi}:
 * <ul>
 *   <li>unknown domain: 404 {@link ProviderRejectedException};</li>
 *   <li>password outside OVH's rule (9 to 30 characters, no accents, no leading or trailing space): 400;</li>
 *   <li>mailbox that already exists: 409; redirection {@code from → to} that exists or is being created: 409;</li>
 *   <li>redirection keeping a local copy while mailbox {@code from} does not exist: 400;</li>
 *   <li>mailbox whose creation is still running: {@code 409 ActionInProgress} ("This pop is already being
 *   processed"), a {@link ProviderUnavailableException} as in live mode, so that a retried job finds the mailbox
 *   created afterwards.</li>
 * </ul>
 * OVH's exact status and text for duplicates and for the local-copy rule are not documented (providers.md): 409
 * and 400 are the likely ones, the texts are the sandbox's own.
 * <p>
 * Passwords are checked, then forgotten: an account only keeps whether one was set, and the recorded
 * {@link SandboxOperation}s write {@code password: [masqué]}. {@link #recordsContain} lets tests prove it.
 */
public class SandboxEmailDomain implements EmailDomainClient {

    public static final String DOMAIN = "beta.gouv.fr";
    public static final Duration DEFAULT_PROCESSING_DELAY = Duration.ofSeconds(10);

    /** OVH dates carry the Paris offset, e.g. {@code 2026-03-02T11:15:30+01:00}. */
    private static final ZoneId OVH_ZONE = ZoneId.of("Europe/Paris");

    private final Clock clock;
    private final Duration processingDelay;
    private final Map<String, Domain> domains = new HashMap<>();
    private final List<SandboxOperation> operations = new ArrayList<>();
    private long nextTaskId = 180_000_001L;
    private long nextRedirectionId = 7_000_001L;

    public SandboxEmailDomain(Clock clock, Duration processingDelay) {
        if (processingDelay == null || processingDelay.isNegative()) {
            throw new IllegalArgumentException("processingDelay must be zero or positive");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.processingDelay = processingDelay;
        var domain = new Domain();
        domain.accounts.put("contact", new AccountEntry(
                new MailAccount("contact", "contact@" + DOMAIN, "Contact beta.gouv.fr", false, DEFAULT_ACCOUNT_SIZE),
                true, null, Instant.MIN));
        domain.redirections.add(new RedirectionEntry(
                new MailRedirection("7000000", "bonjour@" + DOMAIN, "contact@" + DOMAIN), null, Instant.MIN));
        domains.put(DOMAIN, domain);
    }

    public SandboxEmailDomain() {
        this(Clock.systemUTC(), DEFAULT_PROCESSING_DELAY);
    }

    @Override
    public synchronized Optional<MailAccount> findAccount(String domain, String accountName) {
        AccountEntry entry = domain(domain).accounts.get(key(accountName));
        return entry != null && entry.visibleAt(clock.instant()) ? Optional.of(entry.account()) : Optional.empty();
    }

    @Override
    public synchronized EmailTask createAccount(String domain, String accountName, String password,
            String description) {
        Domain mailDomain = domain(domain);
        if (accountName == null || accountName.isBlank() || accountName.contains("@")
                || accountName.chars().anyMatch(Character::isWhitespace)) {
            throw rejected("400 Client::BadRequest: Invalid account name");
        }
        if (!validPassword(password)) {
            throw rejected("400 Client::BadRequest: Invalid password: it must be 9 to 30 characters long, without "
                    + "accents, and must not start or end with a space");
        }
        String name = key(accountName);
        String email = name + "@" + key(domain);
        AccountEntry existing = mailDomain.accounts.get(name);
        if (existing != null && existing.visibleAt(clock.instant())) {
            throw rejected("409 Client::Conflict: Account " + email + " already exists");
        }
        if (existing != null) {
            throw new ProviderUnavailableException(OvhApi.PROVIDER, "POST " + path(domain, "account")
                    + ": 409 OVH error: This pop is already being processed: " + email + ", please try later");
        }
        String safeDescription = description == null ? "" : description.replace(password, OvhApi.MASK);
        var task = new EmailTask(nextTaskId++, "addAccount", now(), key(domain), name);
        Instant readyAt = clock.instant().plus(processingDelay);
        mailDomain.accounts.put(name, new AccountEntry(
                new MailAccount(name, email, safeDescription, false, DEFAULT_ACCOUNT_SIZE), true, task, readyAt));
        record("create-account", email + " (description: \"" + safeDescription + "\", size " + DEFAULT_ACCOUNT_SIZE
                + ", password: " + OvhApi.MASK + ", task " + task.id() + ", done at " + readyAt + ")");
        return task;
    }

    @Override
    public synchronized List<MailRedirection> findRedirections(String domain, String from, String toOrNull) {
        Instant now = clock.instant();
        return domain(domain).redirections.stream()
                .filter(entry -> entry.visibleAt(now))
                .map(RedirectionEntry::redirection)
                .filter(r -> r.from().equalsIgnoreCase(from))
                .filter(r -> toOrNull == null || r.to().equalsIgnoreCase(toOrNull))
                .toList();
    }

    @Override
    public synchronized EmailTask createRedirection(String domain, String from, String to, boolean localCopy) {
        Domain mailDomain = domain(domain);
        String suffix = "@" + key(domain);
        if (from == null || !key(from).endsWith(suffix) || key(from).length() == suffix.length()) {
            throw rejected("400 Client::BadRequest: from must be an address of " + key(domain));
        }
        if (to == null || to.isBlank() || !to.contains("@")) {
            throw rejected("400 Client::BadRequest: to must be an email address");
        }
        boolean duplicate = mailDomain.redirections.stream()
                .map(RedirectionEntry::redirection)
                .anyMatch(r -> r.from().equalsIgnoreCase(from) && r.to().equalsIgnoreCase(to));
        if (duplicate) {
            throw rejected("409 Client::Conflict: A redirection from " + key(from) + " to " + key(to)
                    + " already exists");
        }
        String accountName = key(from).substring(0, key(from).length() - suffix.length());
        if (localCopy && findAccount(domain, accountName).isEmpty()) {
            throw rejected("400 Client::BadRequest: localCopy needs the account " + key(from) + " to exist");
        }
        var task = new EmailTask(nextTaskId++, "add", now(), key(domain), key(from));
        Instant readyAt = clock.instant().plus(processingDelay);
        var redirection = new MailRedirection(Long.toString(nextRedirectionId++), key(from), key(to));
        mailDomain.redirections.add(new RedirectionEntry(redirection, task, readyAt));
        record("create-redirection", redirection.from() + " -> " + redirection.to() + " (localCopy " + localCopy
                + ", id " + redirection.id() + ", task " + task.id() + ", done at " + readyAt + ")");
        return task;
    }

    /** The creation task of mailbox {@code accountName} while it has not run yet (the sandbox has no other). */
    @Override
    public synchronized List<EmailTask> pendingAccountTasks(String domain, String accountName) {
        AccountEntry entry = domain(domain).accounts.get(key(accountName));
        return entry == null || entry.visibleAt(clock.instant()) ? List.of() : List.of(entry.task());
    }

    /** Mailboxes of {@code domain} that exist by now (creation done), oldest first; a read-only snapshot. */
    public synchronized List<MailAccount> accounts(String domain) {
        Instant now = clock.instant();
        return domain(domain).accounts.values().stream()
                .filter(entry -> entry.visibleAt(now))
                .map(AccountEntry::account)
                .toList();
    }

    /** Redirections of {@code domain} that exist by now (creation done), oldest first; a read-only snapshot. */
    public synchronized List<MailRedirection> redirections(String domain) {
        Instant now = clock.instant();
        return domain(domain).redirections.stream()
                .filter(entry -> entry.visibleAt(now))
                .map(RedirectionEntry::redirection)
                .toList();
    }

    /** Writes done so far, oldest first; a read-only snapshot. */
    public synchronized List<SandboxOperation> operations() {
        return List.copyOf(operations);
    }

    /**
     * Whether {@code text} appears anywhere the sandbox keeps state: mailboxes and redirections (done or pending),
     * tasks and recorded operations. Lets tests prove that a password is not kept.
     *
     * @throws IllegalArgumentException when {@code text} is empty, which would trivially appear everywhere
     */
    public synchronized boolean recordsContain(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("text must not be empty");
        }
        Stream<Object> state = Stream.concat(
                domains.values().stream().flatMap(d -> Stream.concat(d.accounts.values().stream(),
                        d.redirections.stream())),
                operations.stream());
        return state.map(String::valueOf).anyMatch(recorded -> recorded.contains(text));
    }

    /**
     * OVH's rule for mailbox passwords (per {@code changePassword}): 9 to 30 characters, no leading or trailing
     * space, no accents. "No accents" is read as printable ASCII only, which also refuses other non-ASCII
     * characters OVH might accept (unverified).
     */
    static boolean validPassword(String password) {
        return password != null
                && password.length() >= 9 && password.length() <= 30
                && !Character.isWhitespace(password.charAt(0))
                && !Character.isWhitespace(password.charAt(password.length() - 1))
                && password.chars().allMatch(c -> c >= 0x20 && c <= 0x7E);
    }

    private Domain domain(String domain) {
        Domain found = domain == null ? null : domains.get(key(domain));
        if (found == null) {
            throw rejected("404 Client::NotFound: This service does not exist");
        }
        return found;
    }

    private String now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.SECONDS), OVH_ZONE)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private void record(String operation, String details) {
        operations.add(new SandboxOperation(clock.instant(), operation, details));
    }

    private static String path(String domain, String resource) {
        return "/email/domain/" + key(domain) + "/" + resource;
    }

    private static String key(String name) {
        return name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    }

    private static ProviderRejectedException rejected(String message) {
        return new ProviderRejectedException(OvhApi.PROVIDER, message);
    }

    private static final class Domain {
        final Map<String, AccountEntry> accounts = new LinkedHashMap<>();
        final List<RedirectionEntry> redirections = new ArrayList<>();
    }

    /** A mailbox, done or pending; {@code task} is {@code null} for the seeded ones. No password, only a flag. */
    private record AccountEntry(MailAccount account, boolean passwordSet, EmailTask task, Instant readyAt) {
        boolean visibleAt(Instant now) {
            return !now.isBefore(readyAt);
        }
    }

    private record RedirectionEntry(MailRedirection redirection, EmailTask task, Instant readyAt) {
        boolean visibleAt(Instant now) {
            return !now.isBefore(readyAt);
        }
    }
}
