package fr.beta.guichet.tasks;

import java.time.Duration;
import java.time.Instant;

import fr.beta.guichet.request.read.RequestView;
import fr.beta.guichet.request.variables.LifecycleElements;

/**
 * A task in the admins' list, with the request it belongs to, as one admin (the viewer) sees it: who holds it, and
 * what this viewer may do with it.
 *
 * @param group  the group the task is for (the request type's resource group), or {@code null} when unknown
 * @param viewer the admin looking at the list or the page
 */
public record TaskView(String id, String step, String assignee, Instant created, Duration age, boolean overdue,
        RequestView request, String group, String viewer) {

    /** "3 h", "2 j 4 h". */
    public String ageText() {
        long hours = age.toHours();
        if (hours < 1) {
            return age.toMinutes() + " min";
        }
        return hours < 24 ? hours + " h" : (hours / 24) + " j " + (hours % 24) + " h";
    }

    /** Someone else holds the task (e.g. the admin who asked the requester a question): the viewer may only look. */
    public boolean heldByOther() {
        return assignee != null && !assignee.equals(viewer);
    }

    /** The task is assigned to the viewer by name. */
    public boolean mine() {
        return assignee != null && assignee.equals(viewer);
    }

    /** A claim the viewer may take (« Je prends »): unassigned, or assigned to them. */
    public boolean mayTake() {
        return LifecycleElements.CLAIM.equals(step) && !heldByOther();
    }

    /** « Je passe », « Demander une précision », « Rejeter » at claim; the same rule as taking it. */
    public boolean mayDecide() {
        return mayTake();
    }

    /** « Demander une précision » and « Rejeter » at manual execution: the executor only. */
    public boolean mayHandleManually() {
        return LifecycleElements.EXECUTE_MANUALLY.equals(step) && !heldByOther();
    }
}
