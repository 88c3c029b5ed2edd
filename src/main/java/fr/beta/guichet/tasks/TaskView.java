package fr.beta.guichet.tasks;

import java.time.Duration;
import java.time.Instant;

import fr.beta.guichet.request.read.RequestView;

/** A task in the admins' list, with the request it belongs to. */
public record TaskView(String id, String step, String assignee, Instant created, Duration age, boolean overdue,
        RequestView request) {

    /** "3 h", "2 j 4 h". */
    public String ageText() {
        long hours = age.toHours();
        if (hours < 1) {
            return age.toMinutes() + " min";
        }
        return hours < 24 ? hours + " h" : (hours / 24) + " j " + (hours % 24) + " h";
    }
}
