/**
 * The SLA calendar of every request timer: reminders, escalations and the requester's delays count working days
 * and hours (Monday to Friday, 9:00–18:00 Europe/Paris, French public holidays from jollyday), or plain time when
 * {@code GUICHET_SLA_CALENDAR=continuous}. It is the engine's own mechanism: business calendars registered by
 * {@link fr.beta.guichet.calendar.SlaCalendarPlugin}, which resolve the timer expressions marked {@code sla:}
 * ({@link fr.beta.guichet.calendar.SlaDelay}); any other timer (the mailbox's provider polling) stays continuous.
 */
package fr.beta.guichet.calendar;
