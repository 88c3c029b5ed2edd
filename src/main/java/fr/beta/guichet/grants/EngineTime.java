package fr.beta.guichet.grants;

import java.time.Instant;

import org.camunda.bpm.engine.impl.util.ClockUtil;

/** "Now" on the engine's clock, which tests move: grants and departures are dated like the process steps. */
public final class EngineTime {

    private EngineTime() {
    }

    public static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}
