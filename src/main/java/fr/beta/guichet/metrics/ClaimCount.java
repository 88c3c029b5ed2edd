package fr.beta.guichet.metrics;

/** How many requests of a type one admin took (« Je prends ») among those created in the period. */
public record ClaimCount(String type, String person, long claims) {
}
