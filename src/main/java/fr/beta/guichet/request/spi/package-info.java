/**
 * What a request type implements and uses: the plugin interface {@link fr.beta.guichet.request.spi.RequestType}
 * (with its {@code CheckFailure}), what its provider call left behind
 * ({@link fr.beta.guichet.request.spi.Execution}) and the access a done request gave
 * ({@link fr.beta.guichet.request.spi.GrantSpec}), the normalization and the constraints every form shares
 * ({@link fr.beta.guichet.request.spi.FormText}, {@link fr.beta.guichet.request.spi.RequestReason},
 * {@link fr.beta.guichet.request.spi.StartupName}), the {@link fr.beta.guichet.request.spi.RequestDoneHook} called
 * when a request is done, and {@link fr.beta.guichet.request.spi.StoredValue}, the fixed string an enum stores in the
 * engine (that of {@code Execution.State} among others). Uses nothing else of the module.
 */
@org.springframework.modulith.NamedInterface("spi")
package fr.beta.guichet.request.spi;
