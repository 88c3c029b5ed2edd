/**
 * Offboarding (issue 13): the departure of a person, declared by them, by an admin or by a manager, with a date and,
 * per access, keep or revoke; reminders before the date, cancellation, then every access to revoke taken back
 * through its provider in parallel, read back, and handed to its group by hand when the provider refuses
 * ({@code bpmn/offboarding.bpmn}).
 */
package fr.beta.guichet.offboarding;
