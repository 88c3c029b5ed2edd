/**
 * People as the engine knows them: who holds access to a resource, the members of its group in Camunda's identity
 * service, and the chat mentions of those people ({@link fr.beta.guichet.request.identity.AccessHolders}); engine
 * calls made on behalf of a person, whose authorizations are checked and who is written into the operation log
 * ({@link fr.beta.guichet.request.identity.EngineUser}).
 */
@org.springframework.modulith.NamedInterface("identity")
package fr.beta.guichet.request.identity;
