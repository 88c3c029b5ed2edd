package fr.beta.guichet.lifecycle;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/** Who holds access to a resource: the members of its group in Camunda's identity service. */
@Component
public class AccessHolders {

    private final IdentityService identityService;

    AccessHolders(IdentityService identityService) {
        this.identityService = identityService;
    }

    public List<String> of(String groupId) {
        return identityService.createUserQuery().memberOfGroup(groupId).orderByUserId().asc().list()
                .stream().map(User::getId).toList();
    }

    public List<String> groupsOf(String userId) {
        return identityService.createGroupQuery().groupMember(userId).list().stream().map(g -> g.getId()).toList();
    }

    /** Chat mentions: {@code @florian @julien}. */
    public String mentions(String groupId) {
        return String.join(" ", of(groupId).stream().map(id -> "@" + id).toList());
    }
}
