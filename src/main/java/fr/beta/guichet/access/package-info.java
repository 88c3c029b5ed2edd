/**
 * Who holds access to what: the resource groups ({@code ops-ovh}, {@code ops-matomo}…), {@code managers}, and the
 * Camunda authorizations that go with them, created at startup. Demo users of the default profile are seeded here.
 */
package fr.beta.guichet.access;
