package fr.beta.guichet.access;

import java.util.List;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.UserOperationLogCategoryPermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import fr.beta.guichet.account.DemoProperties;
import fr.beta.guichet.request.read.RequestTypes;
import fr.beta.guichet.request.spi.RequestType;

/**
 * Creates, idempotently at every start, the groups and the Camunda authorizations the service relies on, and the
 * demo users when enabled. Runs once the context (and so the engine, with its deployed models) is up,
 * before the app takes requests.
 */
@Component
class IdentitySetup {

    private static final Logger log = LoggerFactory.getLogger(IdentitySetup.class);

    private final IdentityService identityService;
    private final AuthorizationService authorizationService;
    private final RequestTypes requestTypes;
    private final DemoProperties demo;
    private final TasklistFilters tasklistFilters;
    private final ResourceGroups resourceGroups;

    IdentitySetup(IdentityService identityService, AuthorizationService authorizationService,
            RequestTypes requestTypes, DemoProperties demo, TasklistFilters tasklistFilters,
            ResourceGroups resourceGroups) {
        this.tasklistFilters = tasklistFilters;
        this.resourceGroups = resourceGroups;
        this.identityService = identityService;
        this.authorizationService = authorizationService;
        this.requestTypes = requestTypes;
        this.demo = demo;
    }

    @EventListener(ApplicationStartedEvent.class)
    void setUp() {
        resourceGroups.all().forEach(group -> ensureGroup(group.id(), group.name()));
        ensureGroup(AccessGroups.MANAGERS, AccessGroups.MANAGERS_NAME);
        grantAuthorizations();
        tasklistFilters.create();
        if (demo.enabled()) {
            seedDemoUsers();
        }
    }

    private void grantAuthorizations() {
        // Everyone may start a request (the app validates the form first) and create the instance.
        grantGlobal(Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE);
        for (RequestType<?> type : requestTypes.all()) {
            grantGlobal(Resources.PROCESS_DEFINITION, type.processKey(), Permissions.READ, Permissions.CREATE_INSTANCE);
            grantGroup(type.resourceGroup(), Resources.PROCESS_DEFINITION, type.processKey(),
                    Permissions.READ, Permissions.READ_HISTORY, Permissions.READ_INSTANCE);
        }
        grantGlobal(Resources.PROCESS_DEFINITION, JoinGroupProcess.KEY, Permissions.READ, Permissions.CREATE_INSTANCE);
        for (String group : resourceGroups.ids()) {
            grantGroup(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grantGroup(group, Resources.PROCESS_DEFINITION, JoinGroupProcess.KEY, Permissions.READ,
                    Permissions.READ_HISTORY, Permissions.READ_INSTANCE);
        }
        grantGroup(AccessGroups.MANAGERS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grantGroup(AccessGroups.MANAGERS, Resources.PROCESS_DEFINITION, Authorization.ANY,
                Permissions.READ, Permissions.READ_HISTORY, Permissions.READ_INSTANCE);
        grantManagersReadOnlyCockpit();
    }

    /**
     * Managers read everything in Cockpit — instances, incidents, variables, history, tasks, deployments, the
     * operation log — and change nothing: only READ-type permissions, so deleting an instance, setting a variable,
     * retrying a job or deploying is refused by the engine itself (also over {@code /engine-rest}).
     */
    private void grantManagersReadOnlyCockpit() {
        grantGroup(AccessGroups.MANAGERS, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.READ);
        grantGroup(AccessGroups.MANAGERS, Resources.TASK, Authorization.ANY, Permissions.READ);
        grantGroup(AccessGroups.MANAGERS, Resources.DEPLOYMENT, Authorization.ANY, Permissions.READ);
        grantGroup(AccessGroups.MANAGERS, Resources.HISTORIC_PROCESS_INSTANCE, Authorization.ANY,
                HistoricProcessInstancePermissions.READ);
        grantGroup(AccessGroups.MANAGERS, Resources.HISTORIC_TASK, Authorization.ANY, HistoricTaskPermissions.READ);
        grantGroup(AccessGroups.MANAGERS, Resources.OPERATION_LOG_CATEGORY, Authorization.ANY,
                UserOperationLogCategoryPermissions.READ);
        grantGroup(AccessGroups.MANAGERS, Resources.BATCH, Authorization.ANY, Permissions.READ,
                Permissions.READ_HISTORY);
    }

    private volatile String demoUsersLine = "";

    /** What the startup log listed of the people who can sign in (for the tests). */
    String demoUsersLine() {
        return demoUsersLine;
    }

    private void seedDemoUsers() {
        var lines = new StringBuilder();
        for (var demoUser : demo.users()) {
            String userId = demoUser.id();
            List<String> groups = demoUser.groups();
            if (identityService.createUserQuery().userId(userId).count() == 0) {
                var user = identityService.newUser(userId);
                user.setFirstName(userId);
                user.setLastName("(démo)");
                user.setEmail(userId + "@beta.gouv.fr");
                user.setPassword(demo.password());
                identityService.saveUser(user);
            }
            for (String group : groups) {
                if (identityService.createUserQuery().userId(userId).memberOfGroup(group).count() == 0) {
                    identityService.createMembership(userId, group);
                }
            }
            lines.append("\n  ").append("%-20s".formatted(userId)).append(groups.isEmpty() ? "demandeur" : String.join(", ", groups));
        }
        // the platform admins (Camunda's admin user, GUICHET_ADMIN_USER) sign in too: listed, without their password
        List<String> demoIds = demo.users().stream().map(DemoProperties.DemoUser::id).toList();
        for (var admin : identityService.createUserQuery().memberOfGroup(AccessGroups.PLATFORM_ADMINS).orderByUserId().asc().list()) {
            if (!demoIds.contains(admin.getId())) {
                lines.append("\n  ").append("%-20s".formatted(admin.getId())).append(AccessGroups.PLATFORM_ADMINS)
                        .append(" (mot de passe : GUICHET_ADMIN_PASSWORD)");
            }
        }
        demoUsersLine = lines.toString();
        log.info("Demo users (password '{}'):{}", demo.password(), lines);
    }

    private void ensureGroup(String id, String name) {
        if (identityService.createGroupQuery().groupId(id).count() == 0) {
            var group = identityService.newGroup(id);
            group.setName(name);
            group.setType("WORKFLOW");
            identityService.saveGroup(group);
        }
    }

    private void grantGlobal(Resource resource, String resourceId, Permission... permissions) {
        boolean exists = authorizationService.createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_GLOBAL)
                .resourceType(resource).resourceId(resourceId).count() > 0;
        if (!exists) {
            save(authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL), null, resource,
                    resourceId, permissions);
        }
    }

    private void grantGroup(String groupId, Resource resource, String resourceId, Permission... permissions) {
        boolean exists = authorizationService.createAuthorizationQuery()
                .groupIdIn(groupId).resourceType(resource).resourceId(resourceId).count() > 0;
        if (!exists) {
            save(authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT), groupId, resource,
                    resourceId, permissions);
        }
    }

    private void save(Authorization authorization, String groupId, Resource resource, String resourceId,
            Permission... permissions) {
        if (groupId == null) {
            authorization.setUserId(Authorization.ANY);
        } else {
            authorization.setGroupId(groupId);
        }
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        for (Permission permission : permissions) {
            authorization.addPermission(permission);
        }
        authorizationService.saveAuthorization(authorization);
    }
}
