package fr.beta.guichet.provider.ovh;

/**
 * An OVH email task: OVH answers a mailbox or redirection write with the task that will perform it, not with the
 * result. Built from {@code email.domain.TaskPop {id, action, date, domain, name}} (accounts) and from
 * {@code email.domain.TaskSpecialAccount {id, account, action, date, domain, type}} (redirections), whose
 * {@code account} becomes {@link #name()}.
 *
 * @param id     OVH's task id
 * @param action e.g. {@code addAccount} for a mailbox, {@code add} for a redirection
 * @param date   when OVH created the task, ISO-8601 as OVH sends it (kept as text, never parsed)
 * @param domain the email domain
 * @param name   the account name (mailbox) or the account the task is about (redirection)
 */
public record EmailTask(long id, String action, String date, String domain, String name) {
}
