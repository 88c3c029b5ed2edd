/**
 * The access registry: every access a done request gave a person (one grant per request), the accesses that
 * predate Guichet Ops once an admin registered them (checked at the provider first), « Mes accès », the registry
 * pages of admins and managers, and the revocation port ({@link fr.beta.guichet.grants.AccessRevoker}) the
 * offboarding process calls.
 */
package fr.beta.guichet.grants;
