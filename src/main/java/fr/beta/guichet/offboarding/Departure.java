package fr.beta.guichet.offboarding;

import java.time.Instant;

/** One row of {@code guichet_offboarding}. */
public record Departure(String reference, String personEmail, Instant departureAt, String startedBy, Instant startedAt,
        State state, Instant endedAt) {

    public enum State {
        OPEN, DONE, CANCELLED
    }
}
