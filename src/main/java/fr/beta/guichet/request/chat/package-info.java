/**
 * The request's thread in the ops chat channel, through the notification port {@code ChatChannel}: the announcement
 * as its root post, then a reply per step, each keyed for idempotency
 * ({@link fr.beta.guichet.request.chat.RequestThread}, also used by the other processes); and the
 * {@code notify-chat} process, which posts in a job of its own the reply a person's action calls for, so that a chat
 * outage never fails the action ({@link fr.beta.guichet.request.chat.ChatReplyProcess}, its delegate
 * {@code PostChatReplyDelegate}).
 */
@org.springframework.modulith.NamedInterface("chat")
package fr.beta.guichet.request.chat;
