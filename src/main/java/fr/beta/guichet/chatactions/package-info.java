/**
 * Actions from the ops room (issue 26): admins work a request from its Tchap thread as they would with the buttons.
 * {@link fr.beta.guichet.chatactions.RoomReader} reads the room through the notification port
 * {@code ChatRoomSync} (Matrix {@code /sync}), one node at a time (a lease row), and keeps its position in the
 * database after each batch; {@link fr.beta.guichet.chatactions.ThreadActions} turns « Je prends », « Je passe »,
 * « fait » and ✅ of a person mapped by their Matrix id (« Mon compte ») into the same actions as the buttons
 * ({@code RequestTasks}), each event at most once ({@code guichet_chat_event}), and answers refusals in the thread
 * through the {@code notify-chat} job. On with {@code GUICHET_CHAT_ACTIONS=on}
 * ({@link fr.beta.guichet.chatactions.ChatActionsProperties}).
 */
package fr.beta.guichet.chatactions;
