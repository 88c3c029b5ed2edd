package fr.beta.guichet.tasks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import fr.beta.guichet.lifecycle.AccessHolders;
import fr.beta.guichet.lifecycle.EscalationProperties;
import fr.beta.guichet.lifecycle.RequestReadModel;
import fr.beta.guichet.lifecycle.RequestView;

/** The tasks an admin may act on: those of their groups plus those assigned to them, oldest first. */
@Component
class TaskInbox {

    private final TaskService taskService;
    private final AccessHolders holders;
    private final RequestReadModel readModel;
    private final EscalationProperties escalation;
    private final Clock clock;

    TaskInbox(TaskService taskService, AccessHolders holders, RequestReadModel readModel,
            EscalationProperties escalation, Clock clock) {
        this.taskService = taskService;
        this.holders = holders;
        this.readModel = readModel;
        this.escalation = escalation;
        this.clock = clock;
    }

    /**
     * @param processKeyFilter only this request type, or all when blank
     * @param groupFilter      only the unassigned-or-claimed tasks of this group of the user, or all when blank
     */
    List<TaskView> tasksOf(String userId, String processKeyFilter, String groupFilter) {
        List<String> groups = holders.groupsOf(userId);
        boolean oneGroup = groupFilter != null && !groupFilter.isBlank();
        if (oneGroup && !groups.contains(groupFilter)) {
            return List.of();
        }
        Map<String, Task> tasks = new LinkedHashMap<>();
        if (!groups.isEmpty()) {
            taskService.createTaskQuery().taskCandidateGroupIn(oneGroup ? List.of(groupFilter) : groups)
                    .includeAssignedTasks().list()
                    .forEach(t -> tasks.put(t.getId(), t));
        }
        if (!oneGroup) {
            taskService.createTaskQuery().taskAssignee(userId).list().forEach(t -> tasks.put(t.getId(), t));
        }
        Map<String, RequestView> requests = readModel.byProcessInstance(
                tasks.values().stream().map(Task::getProcessInstanceId).distinct().toList());
        Instant now = clock.instant();
        List<TaskView> views = new ArrayList<>();
        for (Task task : tasks.values()) {
            RequestView request = requests.get(task.getProcessInstanceId());
            if (request == null || (processKeyFilter != null && !processKeyFilter.isBlank()
                    && !processKeyFilter.equals(request.processKey()))) {
                continue;
            }
            views.add(view(task, request, now));
        }
        views.sort(Comparator.comparing(TaskView::created));
        return views;
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
