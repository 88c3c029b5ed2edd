/** Cross-cutting wiring: security (one login for the app and the Camunda webapps), clock, error pages. */
package fr.beta.guichet.system;
