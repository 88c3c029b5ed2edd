package fr.beta.guichet.lifecycle;

import java.time.Instant;

/** One step of a request's timeline: the activity id (a {@code step.*} message key), when, by whom. */
public record TimelineStep(String activityId, Instant startedAt, Instant endedAt, String who) {

    public boolean finished() {
        return endedAt != null;
    }
}
