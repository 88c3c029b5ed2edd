/**
 * What the Java code and the BPMN models share: the typed process variable
 * ({@link fr.beta.guichet.request.variables.ProcessVariable}), the one way any variable is read or written; the
 * variables every request carries ({@link fr.beta.guichet.request.variables.RequestVariables}) and the decisions
 * stored in them ({@link fr.beta.guichet.request.variables.ClaimDecision},
 * {@link fr.beta.guichet.request.variables.ManualDecision}, {@link fr.beta.guichet.request.variables.ReturnTo}); the
 * element ids, error codes and message names of the lifecycle model
 * ({@link fr.beta.guichet.request.variables.LifecycleElements}). Also used by the other processes (joining a group,
 * offboarding) and by the metrics.
 */
@org.springframework.modulith.NamedInterface("variables")
package fr.beta.guichet.request.variables;
