/**
 * Signing in: with ProConnect or any OpenID Connect provider ({@code OIDC_ISSUER_URI}), people's accounts created
 * in Camunda's identity service at their first login ({@link fr.beta.guichet.signin.SignInSecurity}); password
 * login (demo users, a break-glass platform admin) throttled per client address and account instead of Camunda's
 * account lock ({@link fr.beta.guichet.signin.LoginThrottle}); the person's Tchap id looked up through a Matrix
 * identity server. {@code system/SecurityConfiguration} applies {@link fr.beta.guichet.signin.SignInSecurity}.
 */
package fr.beta.guichet.signin;
