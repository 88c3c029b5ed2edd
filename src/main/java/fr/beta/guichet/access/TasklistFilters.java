package fr.beta.guichet.access;

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

    private final FilterService filterService;
    private final TaskService taskService;
    private final AuthorizationService authorizationService;
    private final ResourceGroups resourceGroups;

    TasklistFilters(FilterService filterService, TaskService taskService, AuthorizationService authorizationService,
            ResourceGroups resourceGroups) {
        this.resourceGroups = resourceGroups;
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
        for (var resourceGroup : resourceGroups.all()) {
            priority++;
            if (absent(resourceGroup.filterName())) {
                Filter filter = save(resourceGroup.filterName(), priority,
                        taskService.createTaskQuery().taskCandidateGroup(resourceGroup.id()).includeAssignedTasks());
                Authorization group = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
                group.setGroupId(resourceGroup.id());
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
}
