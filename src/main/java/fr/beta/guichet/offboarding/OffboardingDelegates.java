package fr.beta.guichet.offboarding;

import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.beta.guichet.grants.AccessGrant;
import fr.beta.guichet.grants.AccessGrants;
import fr.beta.guichet.grants.AccessRevoker;
import fr.beta.guichet.grants.AccessRevokers;
import fr.beta.guichet.grants.GrantState;
import fr.beta.guichet.provider.ProviderRejectedException;
import fr.beta.guichet.request.engine.ProviderRefusals;

/**
 * The delegates of {@code bpmn/offboarding.bpmn}. Every one is idempotent: chat posts carry a key
 * ({@code <reference>:<step>}), outcomes are recorded once, revocations count an absent access as done.
 */
final class OffboardingDelegates {

    private OffboardingDelegates() {
    }

    /** « Annoncer le départ »: the root post of the departure's thread. */
    @Component("announceDepartureDelegate")
    static class Announce implements JavaDelegate {
        private final DepartureThread texts;

        Announce(DepartureThread texts) {
            this.texts = texts;
        }

        @Override
        public void execute(DelegateExecution execution) {
            String reference = execution.getProcessBusinessKey();
            texts.thread.start(execution, "announce", "chat.offboarding.announce", reference, texts.who(execution),
                    texts.date(execution), "@" + OffboardingProcess.STARTED_BY.get(execution), texts.summary(reference));
        }
    }

    /** « Rappeler le départ à la personne »: J-7, J-1…, in the thread (a mention) and by email. */
    @Component("remindDepartureDelegate")
    static class Remind implements JavaDelegate {
        private final DepartureThread texts;

        Remind(DepartureThread texts) {
            this.texts = texts;
        }

        @Override
        public void execute(DelegateExecution execution) {
            String reference = execution.getProcessBusinessKey();
            Date at = OffboardingProcess.REMINDER_AT.get(execution);
            texts.thread.reply(execution, "reminder:" + at.getTime(), "chat.offboarding.reminder", texts.who(execution),
                    texts.date(execution), reference);
            String person = OffboardingProcess.PERSON_USER.get(execution);
            if (person != null) {
                texts.mailBoth(execution, "offboarding.reminder", reference, texts.date(execution), texts.summary(reference));
            }
        }
    }

    /**
     * « Retirer l'accès chez le fournisseur »: an access already absent is not touched (it will read back gone);
     * a kind without a revoker, or a refusal, goes to its group by hand; an outage propagates (retries, incident).
     */
    @Component("revokeAccessDelegate")
    static class Revoke implements JavaDelegate {
        private final AccessGrants grants;
        private final AccessRevokers revokers;

        Revoke(AccessGrants grants, AccessRevokers revokers) {
            this.grants = grants;
            this.revokers = revokers;
        }

        @Override
        public void execute(DelegateExecution execution) {
            AccessGrant grant = grant(grants, execution);
            if (grant.state() != GrantState.ACTIVE) {
                OffboardingProcess.ALREADY_GONE.set(execution, true);
                return;
            }
            ProviderRefusals.asBpmnError(() -> {
                AccessRevoker revoker = revokers.of(grant.kind()).orElseThrow(() -> new ProviderRejectedException(
                        grant.kind(), "Pas de retrait automatique pour cet accès : à retirer à la main."));
                boolean gone = revoker.isGone(grant);
                OffboardingProcess.ALREADY_GONE.set(execution, gone);
                if (!gone) {
                    revoker.revoke(grant);
                }
            });
        }
    }

    /** « Relire chez le fournisseur »: gone, still there (wait and read again), or given up after N reads. */
    @Component("verifyRevocationDelegate")
    static class Verify implements JavaDelegate {
        private final AccessGrants grants;
        private final AccessRevokers revokers;
        private final Departures departures;
        private final OffboardingProperties properties;

        Verify(AccessGrants grants, AccessRevokers revokers, Departures departures, OffboardingProperties properties) {
            this.grants = grants;
            this.revokers = revokers;
            this.departures = departures;
            this.properties = properties;
        }

        @Override
        public void execute(DelegateExecution execution) {
            AccessGrant grant = grant(grants, execution);
            int checks = OffboardingProcess.REVOCATION_CHECKS.getOrDefault(execution, 0) + 1;
            OffboardingProcess.REVOCATION_CHECKS.set(execution, checks);
            boolean alreadyGone = Boolean.TRUE.equals(OffboardingProcess.ALREADY_GONE.get(execution));
            boolean gone = grant.state() != GrantState.ACTIVE
                    || revokers.of(grant.kind()).map(r -> ProviderRefusals.asBpmnError(() -> r.isGone(grant)))
                            .orElse(false);
            if (gone) {
                Outcome outcome = alreadyGone ? Outcome.GONE : Outcome.REVOKED;
                departures.recordOutcome(execution.getProcessBusinessKey(), grant.id(), outcome, null);
                grants.markEnded(grant.id(), alreadyGone ? GrantState.GONE : GrantState.REVOKED);
                OffboardingProcess.REVOCATION_STATE.set(execution, RevocationState.GONE);
            } else if (checks >= properties.verifyChecks()) {
                OffboardingProcess.REVOCATION_ERROR.set(execution,
                        "Toujours présent chez le fournisseur après %d vérifications.".formatted(checks));
                OffboardingProcess.REVOCATION_STATE.set(execution, RevocationState.FAILED);
            } else {
                OffboardingProcess.REVOCATION_STATE.set(execution, RevocationState.PENDING);
            }
        }
    }

    /** « Enregistrer le retrait à la main », after « fait » by an admin of the group. */
    @Component("recordManualRevocationDelegate")
    static class RecordManual implements JavaDelegate {
        private final AccessGrants grants;
        private final Departures departures;

        RecordManual(AccessGrants grants, Departures departures) {
            this.grants = grants;
            this.departures = departures;
        }

        @Override
        public void execute(DelegateExecution execution) {
            String grantId = OffboardingProcess.GRANT_ID.get(execution);
            departures.recordOutcome(execution.getProcessBusinessKey(), grantId, Outcome.MANUAL,
                    OffboardingProcess.REVOKED_BY.get(execution));
            grants.markEnded(grantId, GrantState.REVOKED);
        }
    }

    /** « Annoncer le retrait »: one reply per access, with its outcome. */
    @Component("notifyRevocationDelegate")
    static class NotifyRevoked implements JavaDelegate {
        private final AccessGrants grants;
        private final Departures departures;
        private final DepartureThread texts;

        NotifyRevoked(AccessGrants grants, Departures departures, DepartureThread texts) {
            this.grants = grants;
            this.departures = departures;
            this.texts = texts;
        }

        @Override
        public void execute(DelegateExecution execution) {
            String grantId = OffboardingProcess.GRANT_ID.get(execution);
            DepartureItem item = departures.item(execution.getProcessBusinessKey(), grantId).orElseThrow();
            String resource = grants.byId(grantId).map(AccessGrant::resource).orElse(grantId);
            texts.thread.reply(execution, "revoked:" + grantId, "chat.offboarding.revoked", resource,
                    texts.thread.text("offboarding.outcome." + item.outcome().name(), "",
                            item.handledBy() == null ? "" : item.handledBy()));
        }
    }

    /** « Annoncer le bilan »: the departure is done; the thread, the person and whoever declared it get the summary. */
    @Component("summarizeDepartureDelegate")
    static class Summarize implements JavaDelegate {
        private final Departures departures;
        private final DepartureThread texts;

        Summarize(Departures departures, DepartureThread texts) {
            this.departures = departures;
            this.texts = texts;
        }

        @Override
        public void execute(DelegateExecution execution) {
            String reference = execution.getProcessBusinessKey();
            departures.end(reference, Departure.State.DONE);
            String summary = texts.summary(reference);
            texts.thread.markDone(execution);
            texts.thread.reply(execution, "summary", "chat.offboarding.summary", texts.who(execution),
                    "@" + OffboardingProcess.STARTED_BY.get(execution), summary);
            texts.mailBoth(execution, "offboarding.done", reference, OffboardingProcess.PERSON.get(execution), summary);
        }
    }

    /** « Annoncer l'annulation ». */
    @Component("notifyDepartureCancelledDelegate")
    static class NotifyCancelled implements JavaDelegate {
        private final DepartureThread texts;

        NotifyCancelled(DepartureThread texts) {
            this.texts = texts;
        }

        @Override
        public void execute(DelegateExecution execution) {
            String reference = execution.getProcessBusinessKey();
            texts.thread.reply(execution, "cancelled", "chat.offboarding.cancelled", texts.who(execution),
                    "@" + OffboardingProcess.STARTED_BY.get(execution));
            texts.mailBoth(execution, "offboarding.cancelled", reference, OffboardingProcess.PERSON.get(execution));
        }
    }

    private static AccessGrant grant(AccessGrants grants, DelegateExecution execution) {
        String grantId = OffboardingProcess.GRANT_ID.get(execution);
        return grants.byId(grantId).orElseThrow(() -> new IllegalStateException("Unknown grant " + grantId));
    }
}
