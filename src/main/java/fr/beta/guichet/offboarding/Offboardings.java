package fr.beta.guichet.offboarding;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import fr.beta.guichet.grants.AccessGrant;
import fr.beta.guichet.grants.AccessGrants;
import fr.beta.guichet.grants.EngineTime;
import fr.beta.guichet.grants.GrantState;
import fr.beta.guichet.grants.Viewer;
import fr.beta.guichet.request.start.ReferenceGenerator;
import fr.beta.guichet.request.tasks.TaskActionException;
import fr.beta.guichet.request.variables.ProcessVariable;

/**
 * Declaring, cancelling and following departures, and the manual revocations of the groups. Who may do what:
 * a person offboards only themself; an admin offboards a person's accesses of their groups; a manager all.
 */
@Component
public class Offboardings {

    /** A kept period longer than this is a typo: keep the access instead. */
    static final int MAX_KEEP_DAYS = 365;

    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final Departures departures;
    private final AccessGrants grants;
    private final ReferenceGenerator references;
    private final OffboardingProperties properties;
    private final Clock clock;

    Offboardings(RuntimeService runtimeService, TaskService taskService, Departures departures, AccessGrants grants,
            ReferenceGenerator references, OffboardingProperties properties, Clock clock) {
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.departures = departures;
        this.grants = grants;
        this.references = references;
        this.properties = properties;
        this.clock = clock;
    }

    /** What one access becomes: its decision, and the days kept for {@link Decision#KEEP_DAYS}. */
    public record Choice(Decision decision, Integer keepDays) {
    }

    /** The active grants of the person this viewer may put in a departure, not already in an open one. */
    public List<AccessGrant> offerable(Viewer viewer, String personEmail) {
        String person = AccessGrants.normalize(personEmail);
        List<String> planned = departures.openGrantIds(person);
        boolean self = person.equalsIgnoreCase(viewer.email());
        return grants.ofPerson(person, self ? viewer.userId() : grants.userWithEmail(person).orElse(null), true).stream()
                .filter(g -> !planned.contains(g.id()))
                .filter(g -> viewer.isManager() || viewer.owns(g) || viewer.adminGroups().contains(g.resourceGroup()))
                .toList();
    }

    /**
     * Starts a departure. The date is the first day without the accesses (revoked at 00:00, Paris time); it must be
     * after today.
     *
     * @return the departure's reference
     */
    @Transactional
    public String start(Viewer viewer, String personEmail, LocalDate departureDate, Map<String, Choice> choices) {
        String person = AccessGrants.normalize(personEmail);
        if (!viewer.isManager() && !viewer.isAdmin() && !person.equalsIgnoreCase(viewer.email())) {
            throw new TaskActionException("offboarding.error.onlyYourself");
        }
        if (departureDate == null || !departureDate.isAfter(LocalDate.ofInstant(EngineTime.now(), clock.getZone()))) {
            throw new TaskActionException("offboarding.error.date");
        }
        List<AccessGrant> offerable = offerable(viewer, person);
        if (offerable.isEmpty()) {
            throw new TaskActionException("offboarding.error.nothing");
        }
        for (String grantId : choices.keySet()) {
            if (offerable.stream().noneMatch(g -> g.id().equals(grantId))) {
                throw new TaskActionException("offboarding.error.forbidden");
            }
        }
        Instant departureAt = departureDate.atStartOfDay(clock.getZone()).toInstant();
        // every choice is checked before the reference is taken: a refused submission uses no number
        Map<String, Choice> decided = new java.util.LinkedHashMap<>();
        for (AccessGrant grant : offerable) {
            Choice choice = choices.getOrDefault(grant.id(), new Choice(Decision.REVOKE, null));
            check(choice);
            decided.put(grant.id(), choice);
        }
        String reference = references.next(OffboardingProcess.REFERENCE_PREFIX);
        List<DepartureItem> items = new ArrayList<>();
        for (AccessGrant grant : offerable) {
            items.add(item(reference, grant, decided.get(grant.id()), departureAt));
        }
        departures.create(new Departure(reference, person, departureAt, viewer.userId(), EngineTime.now(),
                Departure.State.OPEN, null), items);
        var variables = ProcessVariable.variables(OffboardingProcess.PERSON.with(person),
                OffboardingProcess.PERSON_USER.with(person.equalsIgnoreCase(viewer.email()) ? viewer.userId()
                        : grants.userWithEmail(person).orElse(null)),
                OffboardingProcess.STARTED_BY.with(viewer.userId()));
        runtimeService.startProcessInstanceByKey(OffboardingProcess.KEY, reference, variables);
        return reference;
    }

    private static void check(Choice choice) {
        if (choice.decision() == Decision.KEEP_DAYS && (choice.keepDays() == null || choice.keepDays() < 0
                || choice.keepDays() > MAX_KEEP_DAYS)) {
            throw new TaskActionException("offboarding.error.keepDays");
        }
    }

    /**
     * One access's plan: by the schedule ({@code guichet.offboarding.revoke-after}, per kind), on the day chosen on
     * the form ({@link Decision#KEEP_DAYS}, N days after the departure, 0 for the departure itself), or kept.
     */
    private DepartureItem item(String reference, AccessGrant grant, Choice choice, Instant departureAt) {
        return switch (choice.decision()) {
            case KEEP -> new DepartureItem(reference, grant.id(), Decision.KEEP, null, null, null, null, null);
            case KEEP_DAYS -> new DepartureItem(reference, grant.id(), Decision.KEEP_DAYS, choice.keepDays(),
                    departureAt.plus(Duration.ofDays(choice.keepDays())), null, null, null);
            case REVOKE -> new DepartureItem(reference, grant.id(), Decision.REVOKE, null,
                    departureAt.plus(properties.revokeAfter(grant.kind())), null, null, null);
        };
    }

    /** Whoever declared the departure withdraws it, before its date. */
    @Transactional
    public void cancel(Viewer viewer, String reference) {
        Departure departure = visible(viewer, reference);
        if (!departure.startedBy().equals(viewer.userId())) {
            throw new TaskActionException("offboarding.error.notYours");
        }
        if (departure.state() != Departure.State.OPEN) {
            throw new TaskActionException("offboarding.error.notCancellable");
        }
        try {
            runtimeService.createMessageCorrelation(OffboardingProcess.MESSAGE_CANCEL)
                    .processInstanceBusinessKey(reference)
                    .correlateWithResult();
        } catch (MismatchingMessageCorrelationException past) {
            throw new TaskActionException("offboarding.error.notCancellable");
        }
        departures.end(reference, Departure.State.CANCELLED);
    }

    /** The departure if this viewer may see it: the person, who declared it, a manager, an admin of one of its grants. */
    public Departure visible(Viewer viewer, String reference) {
        Departure departure = departures.byReference(reference).orElseThrow(() -> new TaskActionException("offboarding.error.unknown"));
        boolean mine = departure.personEmail().equalsIgnoreCase(viewer.email()) || departure.startedBy().equals(viewer.userId());
        if (mine || viewer.isManager()) {
            return departure;
        }
        boolean admin = departures.items(reference).stream().map(i -> grants.byId(i.grantId())).flatMap(Optional::stream)
                .anyMatch(g -> viewer.adminGroups().contains(g.resourceGroup()));
        if (!admin) {
            throw new TaskActionException("offboarding.error.unknown");
        }
        return departure;
    }

    /** The departures this viewer may see, newest first. */
    public List<Departure> visibleTo(Viewer viewer) {
        List<Departure> all = viewer.isManager() || viewer.isAdmin() ? departures.all()
                : departures.concerning(viewer.email(), viewer.userId());
        return all.stream().filter(d -> {
            try {
                visible(viewer, d.reference());
                return true;
            } catch (TaskActionException e) {
                return false;
            }
        }).toList();
    }

    /** A manual revocation waiting for a group: the task and its grant. */
    public record ManualRevocation(Task task, AccessGrant grant, String reference, String error) {
    }

    /** Manual revocations of the viewer's groups, or assigned to them. */
    public List<ManualRevocation> manualRevocations(Viewer viewer) {
        List<String> groups = viewer.adminGroups();
        var query = taskService.createTaskQuery().processDefinitionKey(OffboardingProcess.KEY)
                .taskDefinitionKey(OffboardingProcess.REVOKE_MANUALLY);
        List<Task> tasks = groups.isEmpty() ? query.taskAssignee(viewer.userId()).list()
                : query.or().taskCandidateGroupIn(groups).taskAssignee(viewer.userId()).endOr().orderByTaskCreateTime().asc().list();
        return tasks.stream().map(this::manual).flatMap(Optional::stream).toList();
    }

    private Optional<ManualRevocation> manual(Task task) {
        String grantId = OffboardingProcess.GRANT_ID.get(taskService, task.getId());
        String error = OffboardingProcess.REVOCATION_ERROR.get(taskService, task.getId());
        var instance = runtimeService.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId()).singleResult();
        return grants.byId(grantId).map(g -> new ManualRevocation(task, g, instance == null ? "" : instance.getBusinessKey(), error));
    }

    /** « Je prends » on a manual revocation: an admin of its group; one of two simultaneous clicks wins. */
    public void take(Viewer viewer, String taskId) {
        Task task = manualTask(viewer, taskId);
        if (task.getAssignee() != null && !task.getAssignee().equals(viewer.userId())) {
            throw new TaskActionException("task.error.taken");
        }
        try {
            taskService.claim(taskId, viewer.userId());
        } catch (TaskAlreadyClaimedException e) {
            throw new TaskActionException("task.error.taken");
        }
    }

    /** « fait »: the admin who took it removed the access by hand. */
    public void done(Viewer viewer, String taskId) {
        Task task = manualTask(viewer, taskId);
        if (!viewer.userId().equals(task.getAssignee())) {
            throw new TaskActionException("offboarding.error.takeFirst");
        }
        try {
            taskService.complete(taskId, ProcessVariable.variables(OffboardingProcess.REVOKED_BY.with(viewer.userId())));
        } catch (org.camunda.bpm.engine.exception.NullValueException | org.camunda.bpm.engine.exception.NotFoundException e) {
            throw new TaskActionException("task.error.gone");
        }
    }

    private Task manualTask(Viewer viewer, String taskId) {
        Task task = taskService.createTaskQuery().taskId(taskId).processDefinitionKey(OffboardingProcess.KEY)
                .taskDefinitionKey(OffboardingProcess.REVOKE_MANUALLY).singleResult();
        if (task == null) {
            throw new TaskActionException("task.error.gone");
        }
        boolean candidate = viewer.userId().equals(task.getAssignee()) || taskService.getIdentityLinksForTask(taskId).stream()
                .anyMatch(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && viewer.adminGroups().contains(l.getGroupId()));
        if (!candidate) {
            throw new TaskActionException("task.error.forbidden");
        }
        return task;
    }

    /** Grants of the departure with their item, for its page. */
    public List<ItemView> items(String reference) {
        return departures.items(reference).stream()
                .map(item -> new ItemView(item, grants.byId(item.grantId()).orElse(null)))
                .filter(v -> v.grant() != null).toList();
    }

    public record ItemView(DepartureItem item, AccessGrant grant) {
        public boolean pending() {
            return item.outcome() == null && item.decision() != Decision.KEEP && grant.state() == GrantState.ACTIVE;
        }
    }
}
