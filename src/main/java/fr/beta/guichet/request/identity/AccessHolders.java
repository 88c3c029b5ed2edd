package fr.beta.guichet.request.identity;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

import fr.beta.guichet.account.ChatIdentities;
import fr.beta.guichet.notification.ChatMessage;

/** Who holds access to a resource: the members of its group in Camunda's identity service. */
@Component
public class AccessHolders {

    private final IdentityService identityService;
    private final ChatIdentities identities;

    AccessHolders(IdentityService identityService, ChatIdentities identities) {
        this.identityService = identityService;
        this.identities = identities;
    }

    public List<String> of(String groupId) {
        return identityService.createUserQuery().memberOfGroup(groupId).orderByUserId().asc().list()
                .stream().map(User::getId).toList();
    }

    public List<String> groupsOf(String userId) {
        return identityService.createGroupQuery().groupMember(userId).list().stream().map(g -> g.getId()).toList();
    }

    /** The holders as chat mentions (each chat renders them: {@code @florian} on Mattermost, a pill on Matrix). */
    public List<ChatMessage.Mention> mentions(String groupId) {
        return of(groupId).stream().map(identities::mention).toList();
    }

    /** One person as a chat mention. */
    public ChatMessage.Mention mention(String userId) {
        return userId == null ? ChatMessage.Mention.of("?") : identities.mention(userId);
    }
}
