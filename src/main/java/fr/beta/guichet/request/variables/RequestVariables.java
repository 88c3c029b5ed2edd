package fr.beta.guichet.request.variables;

import fr.beta.guichet.request.spi.Execution;

/**
 * The variables every request process carries. BPMN expressions ({@code ${claimDecision == 'take'}},
 * {@code ${executor}}) use the same names; decisions hold the lowercase strings of their enums
 * ({@link ClaimDecision}, {@link ManualDecision}, {@link Execution.State}, {@link ReturnTo}).
 */
public final class RequestVariables {

    /**
     * The request's form data: the type's record as one JSON (Spin) variable, read through the type's record
     * ({@code REQUEST.as(type.requestClass())}).
     */
    public static final ProcessVariable<Record> REQUEST = ProcessVariable.json("request", Record.class);

    public static final ProcessVariable<String> REQUESTER = ProcessVariable.string("requester");
    /** One French line describing processes that are not requests (e.g. joining a group). */
    public static final ProcessVariable<String> DESCRIPTION = ProcessVariable.string("description");
    /**
     * The requester's « Pourquoi ? » (the record's {@code reason}) as a plain string, written at start and at a
     * correction: lists and the admins' task page read it without loading the JSON record. At most 2000 characters.
     */
    public static final ProcessVariable<String> REQUEST_REASON = ProcessVariable.string("requestReason");
    public static final ProcessVariable<String> EXECUTOR = ProcessVariable.string("executor");
    public static final ProcessVariable<String> REJECTION_REASON = ProcessVariable.string("rejectionReason");
    public static final ProcessVariable<String> REJECTED_BY = ProcessVariable.string("rejectedBy");
    public static final ProcessVariable<String> MATTERMOST_POST_ID = ProcessVariable.string("mattermostPostId");
    /** Outcome of {@code claim}. */
    public static final ProcessVariable<ClaimDecision> CLAIM_DECISION =
            ProcessVariable.decision("claimDecision", ClaimDecision.class);
    /** Outcome of {@code execute-manually}. */
    public static final ProcessVariable<ManualDecision> MANUAL_DECISION =
            ProcessVariable.decision("manualDecision", ManualDecision.class);
    /** Message of the provider's refusal that sent the request to {@code execute-manually}. */
    public static final ProcessVariable<String> EXECUTION_ERROR = ProcessVariable.string("executionError");
    /** What exists at the provider after execution, in French, for the executor and the requester. */
    public static final ProcessVariable<String> EXECUTION_RESULT = ProcessVariable.string("executionResult");
    /**
     * The executor's optional note to the requester, typed with « fait » at {@code execute-manually}: shown on the
     * requester's page, in the done email and (inert) in the thread. A user-visible text, never a secret; at most
     * 2000 characters; absent when the executor wrote none.
     */
    public static final ProcessVariable<String> DONE_NOTE = ProcessVariable.string("doneNote");
    /** {@code ready}, {@code pending} or {@code failed}: read by the gateway after {@code execute}. */
    public static final ProcessVariable<Execution.State> PROVIDER_STATE =
            ProcessVariable.decision("providerState", Execution.State.class);
    public static final ProcessVariable<Integer> PROVIDER_CHECKS = ProcessVariable.integer("providerChecks");
    public static final ProcessVariable<Integer> REMINDERS_SENT = ProcessVariable.integer("remindersSent");
    public static final ProcessVariable<Boolean> ESCALATED = ProcessVariable.bool("escalated");

    /** The last question asked to the requester (« Demander une précision »), never a secret. */
    public static final ProcessVariable<String> QUESTION = ProcessVariable.string("question");
    /** The requester's last answer. */
    public static final ProcessVariable<String> ANSWER = ProcessVariable.string("answer");
    /** The admin who asked: the request goes back to them at {@code claim}. */
    public static final ProcessVariable<String> ASKED_BY = ProcessVariable.string("askedBy");
    /** Where the request goes back after the answer: {@code claim} or {@code execute-manually}. */
    public static final ProcessVariable<ReturnTo> RETURN_TO = ProcessVariable.decision("returnTo", ReturnTo.class);
    /** How many questions were asked: numbers the chat posts' idempotency keys. */
    public static final ProcessVariable<Integer> QUESTION_COUNT = ProcessVariable.integer("questionCount");
    /** Whether the requester corrected the request's fields with the answer (then it is checked again). */
    public static final ProcessVariable<Boolean> REQUEST_CORRECTED = ProcessVariable.bool("requestCorrected");
    /** What the requester changed with the last answer, field by field (empty when the answer changed nothing). */
    public static final ProcessVariable<Correction> CORRECTION = ProcessVariable.json("correction", Correction.class);
    /** Set when the requester was reminded of the open question. */
    public static final ProcessVariable<Boolean> REQUESTER_REMINDED = ProcessVariable.bool("requesterReminded");
    /** Set when the request was cancelled because the question stayed unanswered. */
    public static final ProcessVariable<Boolean> UNANSWERED = ProcessVariable.bool("unanswered");

    private RequestVariables() {
    }

    /**
     * A type's description as {@link #DESCRIPTION} holds it: Camunda keeps string variables in a 4000-character
     * column, descriptions stay well below.
     */
    public static String shortened(String description) {
        return description.length() <= 1000 ? description : description.substring(0, 999) + "…";
    }
}
