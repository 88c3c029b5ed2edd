/**
 * Manager metrics: the « Métriques » page (key figures, figures per type and week or month, CSV exports), read
 * from the reporting table {@code guichet_request_report} — one row per request, kept by a history event handler in
 * the engine's own transactions ({@link fr.beta.guichet.metrics.RequestReportPlugin}), backfilled from the
 * engine's history at startup and checked against it in the tests; the times to claim and to done are net of the
 * waits for the requester ({@code answer-question}). Also the catalogue's « délai habituel » ({@link
 * fr.beta.guichet.metrics.UsualDelays}, {@link fr.beta.guichet.metrics.WorkingDays}) and the Prometheus gauges read
 * from the runtime tables with a short cache. Runs on H2 and PostgreSQL alike.
 */
package fr.beta.guichet.metrics;
