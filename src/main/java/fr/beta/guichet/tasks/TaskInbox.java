package fr.beta.guichet.tasks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Component;

import fr.beta.guichet.access.JoinGroupProcess;
import fr.beta.guichet.lifecycle.AccessHolders;
import fr.beta.guichet.lifecycle.EscalationProperties;
import fr.beta.guichet.lifecycle.RequestReadModel;
import fr.beta.guichet.lifecycle.RequestTypes;
import fr.beta.guichet.lifecycle.RequestView;

/**
 * The tasks an admin may act on: those of their groups (claimed by anyone or not) plus those assigned to them,
 * oldest first, one page at a time. Filtering, ordering and paging happen in the database: a page costs a fixed
 * number of queries whatever the number of open tasks, and only the shown tasks' requests are read.
 */
@Component
class TaskInbox {

    static final int PAGE_SIZE = 50;

    private final TaskService taskService;
    private final AccessHolders holders;
    private final RequestReadModel readModel;
    private final RequestTypes types;
    private final EscalationProperties escalation;
    private final Clock clock;

    TaskInbox(TaskService taskService, AccessHolders holders, RequestReadModel readModel, RequestTypes types,
            EscalationProperties escalation, Clock clock) {
        this.taskService = taskService;
        this.holders = holders;
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
     */
    TaskPage page(String userId, String processKeyFilter, String groupFilter, int requestedPage) {
        boolean oneType = processKeyFilter != null && !processKeyFilter.isBlank();
        if (oneType && !isKnownProcess(processKeyFilter)) {
            return TaskPage.empty();
        }
        List<String> groups = holders.groupsOf(userId);
        boolean oneGroup = groupFilter != null && !groupFilter.isBlank();
        if (oneGroup && !groups.contains(groupFilter)) {
            return TaskPage.empty();
        }
        TaskQuery query = taskService.createTaskQuery();
        if (oneGroup) {
            query.taskCandidateGroupIn(List.of(groupFilter)).includeAssignedTasks();
        } else if (groups.isEmpty()) {
            query.taskAssignee(userId);
        } else {
            // (candidate group in my groups, assigned or not) OR (assigned to me, whatever its group)
            query.or().taskCandidateGroupIn(groups).includeAssignedTasks().taskAssignee(userId).endOr();
        }
        if (oneType) {
            query.processDefinitionKey(processKeyFilter);
        }
        long total = query.count();
        if (total == 0) {
            return TaskPage.empty();
        }
        int pageCount = (int) ((total + PAGE_SIZE - 1) / PAGE_SIZE);
        int page = Math.min(Math.max(requestedPage, 1), pageCount);
        List<Task> tasks = query.orderByTaskCreateTime().asc().orderByTaskId().asc()
                .listPage((page - 1) * PAGE_SIZE, PAGE_SIZE);
        Map<String, RequestView> requests = readModel.byProcessInstance(
                tasks.stream().map(Task::getProcessInstanceId).filter(Objects::nonNull).distinct().toList());
        Instant now = clock.instant();
        List<TaskView> views = new ArrayList<>();
        for (Task task : tasks) {
            RequestView request = requests.get(task.getProcessInstanceId());
            if (request != null) {
                views.add(view(task, request, now));
            }
        }
        return new TaskPage(views, page, pageCount, total);
    }

    private boolean isKnownProcess(String processKey) {
        return JoinGroupProcess.KEY.equals(processKey) || types.byKey(processKey).isPresent();
    }

    TaskView view(Task task, RequestView request) {
        return view(task, request, clock.instant());
    }

    private TaskView view(Task task, RequestView request, Instant now) {
        Instant created = task.getCreateTime().toInstant();
        Duration age = Duration.between(created, now);
        return new TaskView(task.getId(), task.getTaskDefinitionKey(), task.getAssignee(), created, age,
                age.compareTo(escalation.reminderAfter()) >= 0, request);
    }
}
