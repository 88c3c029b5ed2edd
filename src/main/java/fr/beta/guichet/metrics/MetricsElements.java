package fr.beta.guichet.metrics;

/**
 * Element ids the metrics read that {@code request.variables.LifecycleElements} does not name yet. The requester's
 * answer to an admin's question (issue 14) is the user task {@code answer-question}: while a request waits there,
 * the clock of the time to claim and of the time to done stops.
 */
final class MetricsElements {

    static final String ANSWER_QUESTION = "answer-question";

    private MetricsElements() {
    }
}
