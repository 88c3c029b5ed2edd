package fr.beta.guichet.access;

import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Component;

/**
 * Camunda Tasklist filters for admins who prefer it: one per resource group (« Demandes OVH »…), seen by that group,
 * and « Mes tâches » for everyone. Created once; each task's form key opens the app's own task form.
 */
@Component
class TasklistFilters {

    static final String MY_TASKS = "Mes tâches";
    static final Map<String, String> GROUP_FILTERS = groupFilters();

    private final FilterService filterService;
    private final TaskService taskService;
    private final AuthorizationService authorizationService;

    TasklistFilters(FilterService filterService, TaskService taskService, AuthorizationService authorizationService) {
        this.filterService = filterService;
        this.taskService = taskService;
        this.authorizationService = authorizationService;
    }

    void create() {
        int priority = 0;
        if (absent(MY_TASKS)) {
            Filter mine = save(MY_TASKS, priority, taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
            Authorization everyone = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
            everyone.setUserId(Authorization.ANY);
            everyone.setResource(Resources.FILTER);
            everyone.setResourceId(mine.getId());
            everyone.addPermission(Permissions.READ);
            authorizationService.saveAuthorization(everyone);
        }
        for (var entry : GROUP_FILTERS.entrySet()) {
            priority++;
            if (absent(entry.getValue())) {
                Filter filter = save(entry.getValue(), priority,
                        taskService.createTaskQuery().taskCandidateGroup(entry.getKey()).includeAssignedTasks());
                Authorization group = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
                group.setGroupId(entry.getKey());
                group.setResource(Resources.FILTER);
                group.setResourceId(filter.getId());
                group.addPermission(Permissions.READ);
                authorizationService.saveAuthorization(group);
            }
        }
    }

    private boolean absent(String name) {
        return filterService.createFilterQuery().filterName(name).count() == 0;
    }

    private Filter save(String name, int priority, TaskQuery query) {
        Filter filter = filterService.newTaskFilter(name).setQuery(query)
                .setProperties(Map.of("priority", priority, "description", name, "refresh", true));
        return filterService.saveFilter(filter);
    }

    private static Map<String, String> groupFilters() {
        var filters = new LinkedHashMap<String, String>();
        filters.put(AccessGroups.OVH, "Demandes OVH");
        filters.put(AccessGroups.MATOMO, "Demandes Matomo");
        filters.put(AccessGroups.DOCKERHUB, "Demandes Docker Hub");
        filters.put(AccessGroups.MATTERMOST, "Demandes Mattermost");
        filters.put(AccessGroups.SENTRY, "Demandes Sentry");
        return java.util.Collections.unmodifiableMap(filters);
    }
}
