package fr.beta.guichet.offboarding;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import fr.beta.guichet.grants.AccessGrants;
import fr.beta.guichet.grants.EngineTime;

/**
 * What the model reads from the departure's rows: {@code ${offboardingPlan.departureAt(execution)}}, the reminder
 * dates, the grants to revoke and when, and the group of a grant. Bean name {@code offboardingPlan}.
 */
@Component("offboardingPlan")
public class OffboardingPlan {

    private final Departures departures;
    private final AccessGrants grants;
    private final OffboardingProperties properties;

    OffboardingPlan(Departures departures, AccessGrants grants, OffboardingProperties properties) {
        this.departures = departures;
        this.grants = grants;
        this.properties = properties;
    }

    public Date departureAt(DelegateExecution execution) {
        return Date.from(departure(execution).departureAt());
    }

    /** The reminders still ahead ({@code guichet.offboarding.reminders} before the departure), oldest first. */
    public List<Date> reminderDates(DelegateExecution execution) {
        Instant departure = departure(execution).departureAt();
        Instant now = EngineTime.now();
        return properties.reminders().stream().map(departure::minus).filter(now::isBefore).sorted()
                .map(Date::from).toList();
    }

    /** The grants to take back (every access not kept), each with its own date. */
    public List<String> grantsToRevoke(DelegateExecution execution) {
        return departures.items(execution.getProcessBusinessKey()).stream()
                .filter(item -> item.decision() != Decision.KEEP).map(DepartureItem::grantId).toList();
    }

    public Date revokeAt(DelegateExecution execution, String grantId) {
        return departures.item(execution.getProcessBusinessKey(), grantId).map(DepartureItem::revokeAt)
                .map(Date::from).orElseGet(() -> Date.from(EngineTime.now()));
    }

    /** The resource group of a grant: candidates of its manual revocation. */
    public String groupOf(String grantId) {
        return grants.byId(grantId).map(g -> g.resourceGroup())
                .orElseThrow(() -> new IllegalStateException("Unknown grant " + grantId));
    }

    private Departure departure(DelegateExecution execution) {
        return departures.byReference(execution.getProcessBusinessKey())
                .orElseThrow(() -> new IllegalStateException("No departure " + execution.getProcessBusinessKey()));
    }
}
