package fr.beta.guichet.account;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;


/**
 * Demo users get chat identities once (after {@code IdentitySetup} created them, at startup): Mattermost username
 * = their id, Tchap id {@code @<id>-beta.gouv.fr:agent.dinum.tchap.gouv.fr}, the shape of Tchap's ids. A person
 * who changed or removed theirs on « Mon compte » keeps their choice (only users without any identity are seeded).
 */
@Component
class DemoChatIdentities {

    static final String SEEDED_KEY = "guichet.chat.seeded";

    private final IdentityService identityService;
    private final ChatIdentities identities;
    private final DemoProperties demo;

    DemoChatIdentities(IdentityService identityService, ChatIdentities identities, DemoProperties demo) {
        this.identityService = identityService;
        this.identities = identities;
        this.demo = demo;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        if (!demo.enabled()) {
            return;
        }
        // demo users are the ones IdentitySetup names "<id> (démo)"
        for (var user : identityService.createUserQuery().userLastName("(démo)").list()) {
            String userId = user.getId();
            if (identityService.getUserInfo(userId, SEEDED_KEY) == null) {
                identities.set(userId, new ChatIdentities.Identity(
                        "@" + userId.replace('_', '.') + "-beta.gouv.fr:agent.dinum.tchap.gouv.fr", userId));
                identityService.setUserInfo(userId, SEEDED_KEY, "true");
            }
        }
    }
}
