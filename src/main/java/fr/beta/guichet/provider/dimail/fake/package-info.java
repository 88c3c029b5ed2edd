/**
 * The sandbox's Dimail: {@link fr.beta.guichet.provider.dimail.fake.DimailFakeApi}, a stateful fake of Dimail's HTTP
 * API (tokens, mailboxes with their {@code wait} state, aliases, 409s) keeping its state in the database. Kept apart
 * from the client: only the wiring ({@code DimailConfiguration}) and the tests build it.
 */
package fr.beta.guichet.provider.dimail.fake;
