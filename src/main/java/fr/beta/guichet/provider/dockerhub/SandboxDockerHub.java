package fr.beta.guichet.provider.dockerhub;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.beta.guichet.provider.ProviderRejectedException;

/**
 * {@link DockerHubClient} of the sandbox mode: an in-memory Docker Hub organization {@value #ORGANIZATION} that
 * answers like {@link DockerHubApiClient} would, for the "Bac à sable" page and tests. Thread-safe.
 * <p>
 * It starts with teams {@code owners} (florian) and {@code developers} (totakoko), and these two users as
 * organization members. Like Docker Hub: an organization member is added to a team directly; anyone else is invited
 * to join the organization in that team, once ({@link #acceptInvite(String)} plays the user accepting); a Docker ID
 * that breaks Docker's rules (4 to 30 lowercase letters or digits; case is ignored, as Docker Hub does) is refused
 * with {@code invalid_email_or_docker_id}; an unknown team is refused with a 404. The sandbox knows no user
 * directory, so any well-formed Docker ID is taken to exist. Every write is kept as an {@link Operation}.
 */
public class SandboxDockerHub implements DockerHubClient {

    public static final String ORGANIZATION = "betagouv";

    private static final Logger log = LoggerFactory.getLogger(SandboxDockerHub.class);
    private static final Pattern DOCKER_ID = Pattern.compile("[a-z0-9]{4,30}");

    /**
     * A pending invitation to join the organization in a team.
     *
     * @param invitee   the Docker ID invited, lowercase
     * @param team      the team the user joins on accepting
     * @param createdAt when it was sent
     */
    public record Invite(String invitee, String team, Instant createdAt) {
    }

    /**
     * One write the sandbox performed.
     *
     * @param at        when it happened
     * @param operation {@code add}, {@code invite} or {@code accept}
     * @param details   what was written, readable by an admin (no secret is ever involved)
     */
    public record Operation(Instant at, String operation, String details) {
    }

    private final Clock clock;
    private final Map<String, Set<String>> teams = new TreeMap<>();
    private final Set<String> organizationMembers = new TreeSet<>();
    private final List<Invite> invites = new ArrayList<>();
    private final List<Operation> operations = new ArrayList<>();

    public SandboxDockerHub(Clock clock) {
        this.clock = clock;
        teams.put("owners", new TreeSet<>(Set.of("florian")));
        teams.put("developers", new TreeSet<>(Set.of("totakoko")));
        organizationMembers.addAll(Set.of("florian", "totakoko"));
    }

    public SandboxDockerHub() {
        this(Clock.systemUTC());
    }

    @Override
    public synchronized boolean teamExists(String team) {
        return teams.containsKey(normalize(team, "team"));
    }

    @Override
    public synchronized boolean isMember(String team, String dockerId) {
        return team(team).contains(normalize(dockerId, "dockerId"));
    }

    @Override
    public synchronized boolean hasPendingInvite(String team, String invitee) {
        String name = normalize(team, "team");
        String id = normalize(invitee, "invitee");
        return invites.stream().anyMatch(i -> i.invitee().equals(id) && i.team().equals(name));
    }

    @Override
    public synchronized MembershipResult addMember(String team, String dockerId) {
        Set<String> members = team(team);
        String name = normalize(team, "team");
        String id = normalize(dockerId, "dockerId");
        if (members.contains(id)) {
            return MembershipResult.ALREADY_MEMBER;
        }
        if (organizationMembers.contains(id)) {
            members.add(id);
            record("add", id + " added to team " + name);
            return MembershipResult.ADDED;
        }
        if (hasPendingInvite(name, id)) {
            return MembershipResult.INVITED;
        }
        if (!DOCKER_ID.matcher(id).matches()) {
            throw DockerHubApiClient.invalidInvitee(dockerId);
        }
        invites.add(new Invite(id, name, clock.instant()));
        record("invite", id + " invited to join " + ORGANIZATION + " in team " + name);
        return MembershipResult.INVITED;
    }

    /**
     * Plays {@code invitee} accepting their invitations: they join the organization and every team they were
     * invited to.
     *
     * @return whether there was a pending invitation
     */
    public synchronized boolean acceptInvite(String invitee) {
        String id = normalize(invitee, "invitee");
        List<Invite> accepted = invites.stream().filter(i -> i.invitee().equals(id)).toList();
        if (accepted.isEmpty()) {
            return false;
        }
        invites.removeAll(accepted);
        organizationMembers.add(id);
        accepted.forEach(i -> teams.get(i.team()).add(id));
        record("accept", id + " joined " + ORGANIZATION + " in team(s) "
                + String.join(", ", accepted.stream().map(Invite::team).toList()));
        return true;
    }

    /** Team names, sorted. */
    public synchronized List<String> teams() {
        return List.copyOf(teams.keySet());
    }

    /** Docker IDs in {@code team}, sorted; {@link ProviderRejectedException} for an unknown team. */
    public synchronized List<String> members(String team) {
        return List.copyOf(team(team));
    }

    /** Docker IDs in the organization, sorted. */
    public synchronized List<String> organizationMembers() {
        return List.copyOf(organizationMembers);
    }

    /** Pending invitations, oldest first; a read-only snapshot. */
    public synchronized List<Invite> invites() {
        return List.copyOf(invites);
    }

    /** Writes done so far, oldest first; a read-only snapshot. */
    public synchronized List<Operation> operations() {
        return List.copyOf(operations);
    }

    private Set<String> team(String team) {
        Set<String> members = teams.get(normalize(team, "team"));
        if (members == null) {
            throw DockerHubApiClient.teamNotFound(ORGANIZATION, team, "not found");
        }
        return members;
    }

    private void record(String operation, String details) {
        operations.add(new Operation(clock.instant(), operation, details));
        log.info("Sandbox Docker Hub: {}", details);
    }

    private static String normalize(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value.trim().toLowerCase(Locale.ROOT);
    }
}
