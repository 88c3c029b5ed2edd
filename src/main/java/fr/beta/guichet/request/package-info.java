/**
 * The request lifecycle shared by every request type: start, {@code validate}, {@code announce}, {@code claim}
 * (with the reminders every working day and the escalation after two), {@code execute} or {@code execute-manually},
 * {@code confirm}, and the ends {@code done}, {@code rejected}, {@code cancelled}; from {@code claim} or
 * {@code execute-manually} a question to the requester ({@code answer-question}, {@link
 * fr.beta.guichet.request.tasks.RequestDialogue}) that pauses the admins' clock.
 * <p>
 * The lifecycle is drawn once ({@code bpmn/lifecycle/request-lifecycle.bpmn}); a request type plugs in by providing
 * a {@link fr.beta.guichet.request.spi.RequestType} bean (its record, its business checks, its provider call) and the
 * template of its form fields: its process definition is derived from the one model at startup
 * ({@link fr.beta.guichet.request.engine.RequestModels}), its form served by the one start form controller. Every
 * delegate, variable, notification and task action here serves all types.
 * <p>
 * One sub-package per kind, each a named interface of this module; each uses only those listed before it:
 * <ul>
 *   <li>{@code spi}: what a request type implements and uses ({@code RequestType}, {@code Execution}…);</li>
 *   <li>{@code variables}: what the code and the models share (typed process variables, decisions, element ids);</li>
 *   <li>{@code read}: the request types' registry and what people see of requests (read model, statuses);</li>
 *   <li>{@code identity}: who holds access to a resource, and engine calls made as a person;</li>
 *   <li>{@code chat}: the request's thread in the ops channel, and replies posted by a job of their own;</li>
 *   <li>{@code tasks}: the actions people take on a request, the questions to the requester and the answers;</li>
 *   <li>{@code start}: the start and reply forms, the submission checks, the start of the process, references;</li>
 *   <li>{@code engine}: the derived models and their deployment, the delegates and the timer beans of the models.</li>
 * </ul>
 */
package fr.beta.guichet.request;
