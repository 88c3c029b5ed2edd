package fr.beta.guichet.signin;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How people sign in.
 *
 * @param issuerUri the OpenID provider ({@code OIDC_ISSUER_URI}, ProConnect: {@code https://<domain>/api/v2});
 *        blank = no single sign-on
 * @param clientId registered client id ({@code OIDC_CLIENT_ID})
 * @param clientSecret registered client secret ({@code OIDC_CLIENT_SECRET}), sent as {@code client_secret_post}
 * @param scopes requested scopes ({@code OIDC_SCOPES})
 * @param acrValues levels of assurance requested in the {@code claims} parameter ({@code acr} essential) and
 *        accepted in the ID token; empty = none requested nor checked
 * @param signingAlgorithm the algorithm the ID token and userinfo are signed with (RS256, ES256, HS256…)
 * @param userinfoSigned userinfo must come as a signed JWT ({@code application/jwt}); JSON refused
 * @param providerName the button's brand: {@code proconnect} shows the official ProConnect button
 * @param passwordLogin password login for everyone (default profile); when false and OIDC is configured only
 *        {@code breakGlassUser} may sign in with a password
 * @param breakGlassUser the platform admin from the environment who may always sign in with a password
 * @param platformAdmins emails of the platform admins ({@code GUICHET_PLATFORM_ADMINS}), put in Camunda's admin group
 * @param domainGroups rules {@code <email domain>=<group>} giving a group at a person's first login
 *        ({@code GUICHET_DOMAIN_GROUPS=beta.gouv.fr=managers})
 * @param throttle how failed password logins slow down further attempts
 * @param matrixIdentity the Matrix identity server where people's Tchap ids are looked up
 */
@ConfigurationProperties("guichet.signin")
public record SignInProperties(String issuerUri, String clientId, String clientSecret, List<String> scopes,
        List<String> acrValues, String signingAlgorithm, boolean userinfoSigned, String providerName,
        boolean passwordLogin, String breakGlassUser, List<String> platformAdmins, List<String> domainGroups,
        Throttle throttle, MatrixIdentity matrixIdentity, Duration timeout) {

    public SignInProperties {
        scopes = scopes == null || scopes.isEmpty() ? List.of("openid", "email") : List.copyOf(scopes);
        acrValues = acrValues == null ? List.of() : acrValues.stream().filter(v -> !v.isBlank()).toList();
        signingAlgorithm = signingAlgorithm == null || signingAlgorithm.isBlank() ? "RS256" : signingAlgorithm;
        providerName = providerName == null || providerName.isBlank() ? "proconnect" : providerName;
        platformAdmins = platformAdmins == null ? List.of()
                : platformAdmins.stream().filter(e -> !e.isBlank()).map(e -> e.strip().toLowerCase(Locale.ROOT)).toList();
        domainGroups = domainGroups == null ? List.of() : domainGroups.stream().filter(r -> r.contains("=")).toList();
        throttle = throttle == null ? new Throttle(5, Duration.ofSeconds(30), Duration.ofMinutes(15)) : throttle;
        matrixIdentity = matrixIdentity == null ? new MatrixIdentity(null, null) : matrixIdentity;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    }

    /** The group a new account of this email domain joins, if a rule names it. */
    public Optional<String> groupFor(String domain) {
        return domainGroups.stream().map(r -> r.split("=", 2))
                .filter(r -> r[0].strip().equalsIgnoreCase(domain)).map(r -> r[1].strip()).findFirst();
    }

    public boolean oidcEnabled() {
        return issuerUri != null && !issuerUri.isBlank();
    }

    /** The official ProConnect button (rather than a plain « Se connecter avec … » button). */
    public boolean proConnect() {
        return "proconnect".equalsIgnoreCase(providerName);
    }

    /**
     * @param freeAttempts failures of one account from one address before attempts are slowed down
     * @param firstWait the wait after those, doubled at each further failure
     * @param maxWait the longest wait
     */
    public record Throttle(int freeAttempts, Duration firstWait, Duration maxWait) {
    }

    /**
     * @param baseUrl the identity server ({@code MATRIX_IDENTITY_SERVER}); blank = no lookup
     * @param accessToken its access token ({@code MATRIX_IDENTITY_TOKEN}, from {@code /account/register})
     */
    public record MatrixIdentity(String baseUrl, String accessToken) {

        public boolean configured() {
            return baseUrl != null && !baseUrl.isBlank();
        }

        @Override
        public String toString() {
            return "MatrixIdentity[baseUrl=" + baseUrl + "]";
        }
    }

    @Override
    public String toString() {
        return "SignInProperties[issuerUri=" + issuerUri + ", clientId=" + clientId + ", scopes=" + scopes + "]";
    }
}
