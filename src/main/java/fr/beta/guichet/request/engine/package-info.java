/**
 * What the engine runs of the lifecycle model: one process definition per request type derived from the one drawing
 * ({@link fr.beta.guichet.request.engine.RequestModels}) and deployed at startup; the Java delegates of its service
 * tasks, under the bean names the model gives ({@code ${validateRequestDelegate}}…); the beans its expressions read,
 * with their settings: {@code ${escalation…}} ({@link fr.beta.guichet.request.engine.EscalationProperties}),
 * {@code ${dialogue…}} ({@link fr.beta.guichet.request.engine.DialogueProperties}), {@code ${providerPolling…}}
 * ({@link fr.beta.guichet.request.engine.ProviderPollingProperties}); and
 * {@link fr.beta.guichet.request.engine.ProviderRefusals}, where a provider's refusal becomes the BPMN error every
 * model catches, for the other processes' delegates too.
 */
@org.springframework.modulith.NamedInterface("engine")
package fr.beta.guichet.request.engine;
