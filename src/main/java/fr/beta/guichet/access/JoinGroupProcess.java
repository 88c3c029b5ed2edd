package fr.beta.guichet.access;

import fr.beta.guichet.request.variables.ProcessVariable;
import fr.beta.guichet.request.variables.RequestVariables;

/**
 * Descriptor of {@code join-group}: an admin asks to join a resource group, an existing holder of that group approves
 * or refuses, and the membership is created on approval.
 */
public final class JoinGroupProcess {

    public static final String KEY = "join-group";
    public static final String REFERENCE_PREFIX = "ACC";
    public static final String APPROVE = "approve";
    public static final String ADD_MEMBERSHIP = "ServiceTask_AddMembership";
    public static final String JOINED = "EndEvent_Joined";
    public static final String REFUSED = "EndEvent_Refused";

    /** The admin asking: the same variable as a request's requester, so that lists show it alike. */
    public static final ProcessVariable<String> APPLICANT = RequestVariables.REQUESTER;
    public static final ProcessVariable<String> GROUP = ProcessVariable.string("group");
    public static final ProcessVariable<Boolean> APPROVED = ProcessVariable.bool("approved");
    public static final ProcessVariable<String> APPROVER = ProcessVariable.string("approver");
    /** One French line shown in the task list, like a request's description. */
    public static final ProcessVariable<String> DESCRIPTION = RequestVariables.DESCRIPTION;

    private JoinGroupProcess() {
    }
}
