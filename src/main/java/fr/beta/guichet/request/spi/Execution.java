package fr.beta.guichet.request.spi;

/**
 * What a provider call left behind: the resource is {@link State#READY}, or the provider accepted the work as an
 * asynchronous task and the resource is still {@link State#PENDING} (OVH email). The summary is French text for the
 * executor and the requester, without secrets.
 */
public record Execution(State state, String summary) {

    /**
     * Also the value of {@link fr.beta.guichet.request.variables.RequestVariables#PROVIDER_STATE}, that the models'
     * gateway "Ressource prête ?" reads.
     */
    public enum State implements StoredValue {
        READY("ready"), PENDING("pending"), FAILED("failed");

        private final String value;

        State(String value) {
            this.value = value;
        }

        @Override
        public String value() {
            return value;
        }
    }

    public static Execution ready(String summary) {
        return new Execution(State.READY, summary);
    }

    public static Execution pending(String summary) {
        return new Execution(State.PENDING, summary);
    }
}
