/**
 * Manager metrics: the « Métriques » page and its CSV exports, computed with SQL aggregates over Camunda's history
 * tables ({@code ACT_HI_PROCINST}, {@code ACT_HI_ACTINST}, {@code ACT_HI_VARINST}) and {@code ACT_RU_INCIDENT} — never
 * by loading instances into memory — and the Prometheus gauges (open and overdue requests, escalations, jobs)
 * read from the runtime tables with a short cache. Runs on H2 and PostgreSQL alike.
 */
package fr.beta.guichet.metrics;
