package fr.beta.guichet.lifecycle;

/**
 * What a provider call left behind: the resource is {@link State#READY}, or the provider accepted the work as an
 * asynchronous task and the resource is still {@link State#PENDING} (OVH email). The summary is French text for the
 * executor and the requester, without secrets.
 */
public record Execution(State state, String summary) {

    public enum State {
        READY, PENDING, FAILED;

        /** The value of {@code providerState} that the models' gateway "Ressource prête ?" reads. */
        public String variableValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static Execution ready(String summary) {
        return new Execution(State.READY, summary);
    }

    public static Execution pending(String summary) {
        return new Execution(State.PENDING, summary);
    }
}
