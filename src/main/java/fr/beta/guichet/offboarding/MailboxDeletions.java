package fr.beta.guichet.offboarding;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import fr.beta.guichet.grants.EngineTime;
import fr.beta.guichet.provider.mail.MailProvider;

/**
 * The second step of a mailbox's revocation on Dimail: its deletion once the grace period after its suspension is
 * over ({@code guichet.dimail.deletion-grace}), each read back from Dimail's list. Runs every
 * {@code guichet.dimail.deletion-sweep} on the engine's clock; an outage is retried at the next run. On OVH there is
 * nothing to do (the revocation deletes).
 */
@Component
class MailboxDeletions {

    private final MailProvider mail;

    MailboxDeletions(MailProvider mail) {
        this.mail = mail;
    }

    @Scheduled(fixedDelayString = "${guichet.dimail.deletion-sweep:PT15M}", initialDelayString = "PT2M")
    void sweep() {
        run();
    }

    /** @return how many mailboxes were deleted and read back as gone */
    int run() {
        return mail.completeRevocations(EngineTime.now());
    }
}
