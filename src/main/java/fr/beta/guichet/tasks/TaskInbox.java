package fr.beta.guichet.tasks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.NativeTaskQuery;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import fr.beta.guichet.access.JoinGroupProcess;
import fr.beta.guichet.calendar.SlaCalendar;
import fr.beta.guichet.request.engine.EscalationProperties;
import fr.beta.guichet.request.identity.AccessHolders;
import fr.beta.guichet.request.read.RequestReadModel;
import fr.beta.guichet.request.read.RequestTypes;
import fr.beta.guichet.request.read.RequestView;
import fr.beta.guichet.request.variables.LifecycleElements;

/**
 * The tasks an admin may act on: those of their groups (claimed by anyone or not) plus those assigned to them,
 * oldest first, one page at a time. Filtering, ordering and paging happen in the database: a page costs a fixed
 * number of queries whatever the number of open tasks, and only the shown tasks' requests are read.
 * <p>
 * The two queries are native SQL on the engine's tables: « assigned to me OR candidate of one of my groups » as a
 * {@code TaskQuery} or-query joins every task to its identity links, de-duplicates and sorts them all before the
 * page (45 ms with 10,000 tasks on PostgreSQL); written with {@code EXISTS}, PostgreSQL walks the creation-time
 * index and stops after one page (bench/README.md).
 */
@Component
class TaskInbox {

    static final int PAGE_SIZE = 50;

    private final TaskService taskService;
    private final ManagementService managementService;
    private final RequestReadModel readModel;
    private final RequestTypes types;
    private final EscalationProperties escalation;
    private final Clock clock;
    private final SlaCalendar calendar;

    TaskInbox(TaskService taskService, ManagementService managementService, RequestReadModel readModel,
            RequestTypes types, EscalationProperties escalation, Clock clock, SlaCalendar calendar) {
        this.calendar = calendar;
        this.taskService = taskService;
        this.managementService = managementService;
        this.readModel = readModel;
        this.types = types;
        this.escalation = escalation;
        this.clock = clock;
    }

    /**
     * @param processKeyFilter only this process (a request type, or joining a group), or all when blank; an unknown
     *                         key gives an empty list
     * @param groupFilter      only the tasks of this group of the user (claimed by anyone or not), or all when blank;
     *                         a group the user is not in gives an empty list
     * @param requestedPage    from 1; below 1 is the first page, beyond the last page is the last page
     * @param groups           the user's groups ({@link AccessHolders#groupsOf}), read once by the caller
     */
    TaskPage page(String userId, List<String> groups, String processKeyFilter, String groupFilter,
            int requestedPage) {
        boolean oneType = processKeyFilter != null && !processKeyFilter.isBlank();
        if (oneType && !isKnownProcess(processKeyFilter)) {
            return TaskPage.empty();
        }
        boolean oneGroup = groupFilter != null && !groupFilter.isBlank();
        if (oneGroup && !groups.contains(groupFilter)) {
            return TaskPage.empty();
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        String where = visibleTo(userId, oneGroup ? List.of(groupFilter) : groups, !oneGroup, parameters);
        if (oneType) {
            where += " AND T.PROC_DEF_ID_ IN (SELECT D.ID_ FROM " + table(ProcessDefinitionEntity.class)
                    + " D WHERE D.KEY_ = #{processKey})";
            parameters.put("processKey", processKeyFilter);
        }
        // the requester's own task (a question to answer) is answered on « Mes demandes », not here
        where += " AND (T.TASK_DEF_KEY_ IS NULL OR T.TASK_DEF_KEY_ <> #{answerQuestion})";
        parameters.put("answerQuestion", LifecycleElements.ANSWER_QUESTION);
        String from = " FROM " + table(TaskEntity.class) + " T WHERE " + where;
        long total = nativeQuery("SELECT count(*)" + from, parameters).count();
        if (total == 0) {
            return TaskPage.empty();
        }
        int pageCount = (int) ((total + PAGE_SIZE - 1) / PAGE_SIZE);
        int page = Math.min(Math.max(requestedPage, 1), pageCount);
        List<Task> tasks = nativeQuery("SELECT T.*" + from + " ORDER BY T.CREATE_TIME_ ASC, T.ID_ ASC", parameters)
                .listPage((page - 1) * PAGE_SIZE, PAGE_SIZE);
        Map<String, RequestView> requests = readModel.byProcessInstance(
                tasks.stream().map(Task::getProcessInstanceId).filter(Objects::nonNull).distinct().toList());
        Instant now = clock.instant();
        List<TaskView> views = new ArrayList<>();
        for (Task task : tasks) {
            RequestView request = requests.get(task.getProcessInstanceId());
            if (request != null) {
                views.add(view(task, request, now, userId));
            }
        }
        return new TaskPage(views, page, pageCount, total);
    }

    /**
     * Candidate of one of {@code groups} (claimed by anyone or not), or, when {@code orAssigned}, assigned to the
     * user whatever its group.
     */
    private String visibleTo(String userId, List<String> groups, boolean orAssigned, Map<String, Object> parameters) {
        parameters.put("assignee", userId);
        if (groups.isEmpty()) {
            return "T.ASSIGNEE_ = #{assignee}";
        }
        parameters.put("candidate", IdentityLinkType.CANDIDATE);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            parameters.put("group" + i, groups.get(i));
            names.add("#{group" + i + "}");
        }
        String candidate = "EXISTS (SELECT 1 FROM " + table(IdentityLinkEntity.class) + " I WHERE I.TASK_ID_ = T.ID_"
                + " AND I.TYPE_ = #{candidate} AND I.GROUP_ID_ IN (" + String.join(", ", names) + "))";
        return orAssigned ? "(T.ASSIGNEE_ = #{assignee} OR " + candidate + ")" : candidate;
    }

    private NativeTaskQuery nativeQuery(String sql, Map<String, Object> parameters) {
        NativeTaskQuery query = taskService.createNativeTaskQuery().sql(sql);
        parameters.forEach(query::parameter);
        return query;
    }

    private String table(Class<?> entity) {
        return managementService.getTableName(entity);
    }

    private boolean isKnownProcess(String processKey) {
        return JoinGroupProcess.KEY.equals(processKey) || types.byKey(processKey).isPresent();
    }

    TaskView view(Task task, RequestView request, String viewer) {
        return view(task, request, clock.instant(), viewer);
    }

    private TaskView view(Task task, RequestView request, Instant now, String viewer) {
        Instant created = task.getCreateTime().toInstant();
        Duration age = Duration.between(created, now);
        // « En retard » once the first reminder is due: one working day in the SLA calendar
        boolean overdue = !now.isBefore(calendar.add(created, escalation.reminderAfter()));
        String group = types.byKey(request.processKey()).map(type -> type.resourceGroup()).orElse(null);
        return new TaskView(task.getId(), task.getTaskDefinitionKey(), task.getAssignee(), created, age, overdue,
                request, group, viewer);
    }
}
