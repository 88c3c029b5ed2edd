/**
 * What every provider client shares: the HTTP transport through Camunda Connect's {@code http-connector}
 * and the two ways a provider call can fail.
 * <ul>
 *   <li>{@link fr.beta.guichet.provider.ProviderRejectedException}: the provider answered that the request cannot
 *   be done as asked (a meaningful 4xx). A plain exception: the request engine turns it into the BPMN error its
 *   models catch to route to manual execution; a form shows it next to the field.</li>
 *   <li>{@link fr.beta.guichet.provider.ProviderUnavailableException}: 5xx, 429, I/O, unreadable answer. It
 *   propagates, so the job retries and finally becomes a Cockpit incident.</li>
 * </ul>
 * One sub-package per provider holds its client, its typed properties and its sandbox fake.
 */
package fr.beta.guichet.provider;
