/**
 * The actions people take on a request, each as the person and in its own transaction
 * ({@link fr.beta.guichet.request.tasks.RequestTasks}: « Je prends », « Je passe », « Rejeter », « Demander une
 * précision », manual execution, « fait », the requester's cancellation); the questions asked to the requester and
 * the answers ({@link fr.beta.guichet.request.tasks.RequestDialogue}, the typed text checked by
 * {@link fr.beta.guichet.request.tasks.DialogueText}); and the action that cannot be done as asked
 * ({@link fr.beta.guichet.request.tasks.TaskActionException}, a message key for the pages, never a stack trace).
 */
@org.springframework.modulith.NamedInterface("tasks")
package fr.beta.guichet.request.tasks;
