package fr.beta.guichet.request.read;

import java.time.Instant;

/** One step of a request's timeline: the activity id (a {@code step.*} message key), when, by whom. */
public record TimelineStep(String activityId, Instant startedAt, Instant endedAt, String who) {

    public boolean finished() {
        return endedAt != null;
    }
}
