/**
 * The request lifecycle shared by every request type: start, {@code validate}, {@code announce}, {@code claim}
 * (with the reminders every working day and the escalation after two), {@code execute} or {@code execute-manually},
 * {@code confirm}, and the ends {@code done}, {@code rejected}, {@code cancelled}; from {@code claim} or
 * {@code execute-manually} a question to the requester ({@code answer-question}, {@link
 * fr.beta.guichet.lifecycle.RequestDialogue}) that pauses the admins' clock.
 * <p>
 * The lifecycle is drawn once ({@code bpmn/lifecycle/request-lifecycle.bpmn}); a request type plugs in by providing
 * a {@link fr.beta.guichet.lifecycle.RequestType} bean (its record, its business checks, its provider call) and the
 * template of its form fields: its process definition is derived from the one model at startup
 * ({@link fr.beta.guichet.lifecycle.RequestModels}), its form served by the one start form controller. Every
 * delegate, variable, notification and task action here serves all types.
 */
package fr.beta.guichet.lifecycle;
