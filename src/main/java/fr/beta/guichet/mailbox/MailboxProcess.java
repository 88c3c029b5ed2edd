package fr.beta.guichet.mailbox;

/** Descriptor of the {@code request-mailbox} process. */
public final class MailboxProcess {

    public static final String KEY = "request-mailbox";
    public static final String REFERENCE_PREFIX = "MEL";
    public static final String RESOURCE_GROUP = "ops-ovh";

    private MailboxProcess() {
    }
}
