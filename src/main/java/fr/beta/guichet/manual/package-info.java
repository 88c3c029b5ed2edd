/**
 * Requests done by hand, declared in configuration: the catalogue file ({@code manual-requests.yaml}, or the file
 * of {@code GUICHET_MANUAL_CATALOGUE}) is read and validated at startup ({@link fr.beta.guichet.manual.ManualCatalogue},
 * a French error naming the bad entry), each declared type becomes a {@code RequestType} on the one lifecycle
 * ({@link fr.beta.guichet.manual.ManualTypes}, process {@code request-manual-<key>}) whose execution is always by hand
 * (instructions and fields on the task page), with one generic form ({@code forms/requests/manual/form.html}). The
 * accesses such requests give are grants of kind {@code manual}, revoked by hand at a departure
 * ({@link fr.beta.guichet.manual.ManualRevoker}).
 */
package fr.beta.guichet.manual;
