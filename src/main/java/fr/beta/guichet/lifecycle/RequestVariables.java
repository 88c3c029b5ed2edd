package fr.beta.guichet.lifecycle;

/**
 * The variables every request process carries. BPMN expressions ({@code ${claimDecision == 'take'}},
 * {@code ${executor}}) use the same names.
 */
public final class RequestVariables {

    /** The request's form data: one JSON (Spin) variable, read and written through the type's record only. */
    public static final String REQUEST = "request";

    public static final ProcessVariable<String> REQUESTER = ProcessVariable.string("requester");
    /** One French line describing processes that are not requests (e.g. joining a group). */
    public static final ProcessVariable<String> DESCRIPTION = ProcessVariable.string("description");
    public static final ProcessVariable<String> EXECUTOR = ProcessVariable.string("executor");
    public static final ProcessVariable<String> REJECTION_REASON = ProcessVariable.string("rejectionReason");
    public static final ProcessVariable<String> REJECTED_BY = ProcessVariable.string("rejectedBy");
    public static final ProcessVariable<String> MATTERMOST_POST_ID = ProcessVariable.string("mattermostPostId");
    /** Outcome of {@code claim}: {@link #TAKE} or {@link #REJECT}. */
    public static final ProcessVariable<String> CLAIM_DECISION = ProcessVariable.string("claimDecision");
    /** Outcome of {@code execute-manually}: {@link #DONE} or {@link #REJECT}. */
    public static final ProcessVariable<String> MANUAL_DECISION = ProcessVariable.string("manualDecision");
    /** Message of the provider's refusal that sent the request to {@code execute-manually}. */
    public static final ProcessVariable<String> EXECUTION_ERROR = ProcessVariable.string("executionError");
    /** What exists at the provider after execution, in French, for the executor and the requester. */
    public static final ProcessVariable<String> EXECUTION_RESULT = ProcessVariable.string("executionResult");
    /** {@code ready}, {@code pending} or {@code failed}: read by the gateway after {@code execute}. */
    public static final ProcessVariable<String> PROVIDER_STATE = ProcessVariable.string("providerState");
    public static final ProcessVariable<Integer> PROVIDER_CHECKS = ProcessVariable.integer("providerChecks");
    public static final ProcessVariable<Integer> REMINDERS_SENT = ProcessVariable.integer("remindersSent");
    public static final ProcessVariable<Boolean> ESCALATED = ProcessVariable.bool("escalated");

    public static final String TAKE = "take";
    public static final String REJECT = "reject";
    public static final String DONE = "done";

    private RequestVariables() {
    }
}
