package fr.beta.guichet.offboarding;

import java.util.Date;

import fr.beta.guichet.request.variables.ProcessVariable;
import fr.beta.guichet.request.variables.RequestVariables;

/** Ids, variables and message of {@code bpmn/offboarding.bpmn}. */
public final class OffboardingProcess {

    public static final String KEY = "offboarding";
    public static final String REFERENCE_PREFIX = "DEP";

    public static final String ANNOUNCE = "announce";
    public static final String NOTICE = "notice";
    public static final String DEPARTURE_TIMER = "TimerEvent_DepartureDate";
    public static final String REMINDER_TIMER = "TimerEvent_ReminderDue";
    public static final String REMIND = "ServiceTask_RemindPerson";
    public static final String REVOCATIONS = "revoke-accesses";
    public static final String REVOCATION_TIMER = "TimerEvent_RevocationDate";
    public static final String REVOKE = "revoke";
    public static final String VERIFY = "verify";
    public static final String VERIFY_DELAY = "TimerEvent_RevocationDelay";
    public static final String REVOKE_MANUALLY = "revoke-manually";
    public static final String SUMMARIZE = "ServiceTask_Summarize";
    public static final String DONE = "done";
    public static final String CANCELLED = "cancelled";
    public static final String MESSAGE_CANCEL = "offboarding-cancelled";

    /** The person leaving, lowercase email. */
    public static final ProcessVariable<String> PERSON = ProcessVariable.string("person");
    /** The app's user of that person, when there is one (chat mentions, emails). */
    public static final ProcessVariable<String> PERSON_USER = ProcessVariable.string("personUser");
    /** Who declared the departure; the lifecycle's requester variable, so chat and mails treat it alike. */
    public static final ProcessVariable<String> STARTED_BY = RequestVariables.REQUESTER;
    /** One reminder's date: the element variable of the reminders' multi-instance. */
    static final ProcessVariable<Date> REMINDER_AT = ProcessVariable.date("reminderAt");

    /** Local to one revocation: {@code gone}, {@code pending}, {@code failed}. */
    static final ProcessVariable<RevocationState> REVOCATION_STATE =
            ProcessVariable.decision("revocationState", RevocationState.class);
    static final ProcessVariable<String> REVOCATION_ERROR = ProcessVariable.string("revocationError");
    static final ProcessVariable<Integer> REVOCATION_CHECKS = ProcessVariable.integer("revocationChecks");
    static final ProcessVariable<Boolean> ALREADY_GONE = ProcessVariable.bool("alreadyGone");
    static final ProcessVariable<String> GRANT_ID = ProcessVariable.string("grantId");
    /** Who did a refused revocation by hand (set by « fait »). */
    static final ProcessVariable<String> REVOKED_BY = ProcessVariable.string("revokedBy");

    private OffboardingProcess() {
    }
}
