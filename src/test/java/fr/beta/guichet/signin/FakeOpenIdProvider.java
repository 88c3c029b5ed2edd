package fr.beta.guichet.signin;

import java.io.IOException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A real OpenID provider in-process (Spring Authorization Server) on {@code 127.0.0.1} and its own port, configured
 * like ProConnect — userinfo as a signed JWT ({@code application/jwt}), {@code usual_name}, {@code uid},
 * {@code siret}, {@code idp_id} claims, 60-second codes and access tokens, the exact redirect URI, any unknown
 * authorization parameter refused ({@code Y000400}), {@code client_secret_post} only, {@code acr} answered from the
 * {@code claims} request, an end-session endpoint — or like a plain provider (JSON userinfo, {@code family_name}).
 * Tests set its {@link Behaviour} to make it answer badly.
 */
final class FakeOpenIdProvider implements AutoCloseable {

    static final String CLIENT_ID = "guichet-ops-test";
    static final String CLIENT_SECRET = "a-client-secret-of-the-test-provider";
    static final String PASSWORD = "motdepasse";
    /** The parameters ProConnect's /authorize knows (its documentation); {@code continue} is this fake's own login. */
    static final Set<String> KNOWN_PARAMETERS = Set.of("response_type", "client_id", "redirect_uri", "scope", "state",
            "nonce", "claims", "acr_values", "prompt", "login_hint", "idp_hint", "siret_hint", "continue");

    /** How the provider answers: changed by tests, read at each request. */
    static final class Behaviour {
        volatile boolean userinfoSignedWithUnknownKey;
        volatile boolean userinfoUnsigned;
        volatile boolean userinfoAsJson;
        volatile String wrongNonce;
        volatile String acr;
        volatile boolean codesExpired;
        volatile boolean tokenEndpointDown;
        final List<String> authorizeQueries = new ArrayList<>();
        final List<String> endSessionQueries = new ArrayList<>();
        final List<String> tokenRequestAuth = new ArrayList<>();

        void reset() {
            userinfoSignedWithUnknownKey = false;
            userinfoUnsigned = false;
            userinfoAsJson = false;
            wrongNonce = null;
            acr = null;
            codesExpired = false;
            tokenEndpointDown = false;
            synchronized (this) {
                authorizeQueries.clear();
                endSessionQueries.clear();
                tokenRequestAuth.clear();
            }
        }
    }

    private final ConfigurableApplicationContext context;
    final Behaviour behaviour;
    final boolean proConnect;
    private final Map<String, Map<String, Object>> people;
    private final InMemoryRegisteredClientRepository clients;

    private FakeOpenIdProvider(ConfigurableApplicationContext context, boolean proConnect) {
        this.context = context;
        this.proConnect = proConnect;
        this.behaviour = context.getBean(Behaviour.class);
        this.people = context.getBean(People.class).claims;
        this.clients = context.getBean(InMemoryRegisteredClientRepository.class);
    }

    static FakeOpenIdProvider start(boolean proConnect) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ProviderApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties("spring.config.name=fake-openid-provider", "server.port=0", "server.address=127.0.0.1",
                        "spring.main.banner-mode=off", "server.servlet.register-default-servlet=true",
                        "fake.proconnect=" + proConnect)
                .run();
        return new FakeOpenIdProvider(context, proConnect);
    }

    String issuer() {
        return "http://127.0.0.1:" + ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    }

    /** Registers the app as a client: its exact redirect and post-logout URIs. */
    void registerClient(String appBaseUrl) {
        clients.save(RegisteredClient.withId(CLIENT_ID).clientId(CLIENT_ID).clientSecret("{noop}" + CLIENT_SECRET)
                .clientAuthenticationMethod(proConnect ? ClientAuthenticationMethod.CLIENT_SECRET_POST
                        : ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(appBaseUrl + "/login/oauth2/code/oidc")
                .postLogoutRedirectUri(appBaseUrl + "/login?logout")
                .scopes(s -> s.addAll(proConnect
                        ? List.of(OidcScopes.OPENID, "email", "given_name", "usual_name", "uid", "siret", "idp_id")
                        : List.of(OidcScopes.OPENID, "email", "profile")))
                .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).requireProofKey(false).build())
                .tokenSettings(TokenSettings.builder().authorizationCodeTimeToLive(Duration.ofSeconds(60))
                        .accessTokenTimeToLive(Duration.ofSeconds(60)).build())
                .build());
    }

    /** A person who can log in at the provider (password {@link #PASSWORD}) with these userinfo claims. */
    void person(String username, Map<String, Object> claims) {
        context.getBean(InMemoryUserDetailsManager.class).createUser(
                User.withUsername(username).password("{noop}" + PASSWORD).roles("USER").build());
        people.put(username, new HashMap<>(claims));
    }

    /** The ProConnect claims of a person. */
    static Map<String, Object> agent(String email, String givenName, String usualName) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("email", email);
        claims.put("given_name", givenName);
        claims.put("usual_name", usualName);
        claims.put("uid", UUID.randomUUID().toString());
        claims.put("siret", "13002526500013");
        claims.put("idp_id", "71144ab3-ee1a-4401-b7b3-79b44f7daeeb");
        return claims;
    }

    @Override
    public void close() {
        context.close();
    }

    static final class People {
        final Map<String, Map<String, Object>> claims = new ConcurrentHashMap<>();
    }

    // not a @Configuration: the app's component scan (which sees test classes) must not pick it up
    @EnableWebSecurity
    @ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, ServletWebServerFactoryAutoConfiguration.class})
    static class ProviderApplication {

        private static final KeyPair KEYS = rsa();
        private static final KeyPair STRANGER_KEYS = rsa();
        private static final String KEY_ID = "fake-provider-key";

        @Bean
        Behaviour behaviour() {
            return new Behaviour();
        }

        @Bean
        People people() {
            return new People();
        }

        @Bean
        InMemoryRegisteredClientRepository registeredClients() {
            // SAS wants one client to start with; the test registers the app once its port is known
            return new InMemoryRegisteredClientRepository(RegisteredClient.withId("placeholder").clientId("placeholder")
                    .clientSecret("{noop}x").authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS).build());
        }

        @Bean
        InMemoryUserDetailsManager users() {
            return new InMemoryUserDetailsManager();
        }

        @Bean
        JWKSource<SecurityContext> jwkSource() {
            return new ImmutableJWKSet<>(new JWKSet(new RSAKey.Builder((RSAPublicKey) KEYS.getPublic())
                    .privateKey((RSAPrivateKey) KEYS.getPrivate()).keyID(KEY_ID).build()));
        }

        @Bean
        org.springframework.security.oauth2.jwt.JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
            return org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration
                    .OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
        }

        @Bean
        AuthorizationServerSettings authorizationServerSettings() {
            return AuthorizationServerSettings.builder().build();
        }

        @Bean
        OAuth2AuthorizationService authorizations(Behaviour behaviour) {
            return new ExpiringAuthorizations(behaviour);
        }

        /** {@code acr} as asked in the {@code claims} parameter (or as the test forces it), and a wrong nonce. */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> idTokens(Behaviour behaviour) {
            return context -> {
                if (!OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                    return;
                }
                OAuth2AuthorizationRequest request = context.getAuthorization()
                        .getAttribute(OAuth2AuthorizationRequest.class.getName());
                Object claims = request == null ? null : request.getAdditionalParameters().get("claims");
                String acr = behaviour.acr;
                if (acr == null && claims != null) {
                    try {
                        JsonNode values = new ObjectMapper().readTree(claims.toString()).path("id_token").path("acr")
                                .path("values");
                        acr = values.isArray() && !values.isEmpty() ? values.get(0).asText() : null;
                    } catch (IOException e) {
                        throw new IllegalArgumentException(e);
                    }
                }
                if (acr != null) {
                    context.getClaims().claim("acr", acr);
                }
                if (behaviour.wrongNonce != null) {
                    context.getClaims().claim("nonce", behaviour.wrongNonce);
                }
            };
        }

        @Bean
        @Order(1)
        SecurityFilterChain authorizationServer(HttpSecurity http, Behaviour behaviour, People people,
                org.springframework.core.env.Environment environment) throws Exception {
            boolean proConnect = environment.getProperty("fake.proconnect", Boolean.class, true);
            var server = OAuth2AuthorizationServerConfigurer.authorizationServer();
            http.securityMatcher(server.getEndpointsMatcher())
                    .with(server, as -> as.oidc(oidc -> oidc.userInfoEndpoint(userinfo -> {
                        userinfo.userInfoMapper(context -> new OidcUserInfo(claimsOf(people,
                                context.getAuthorization().getPrincipalName())));
                        if (proConnect) {
                            userinfo.userInfoResponseHandler((request, response, authentication) ->
                                    signedUserinfo(behaviour, response, (OidcUserInfoAuthenticationToken) authentication,
                                            issuer(request)));
                        }
                    })))
                    .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                    // userinfo takes the access token
                    .oauth2ResourceServer(rs -> rs.jwt(Customizer.withDefaults()))
                    .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(
                            new LoginUrlAuthenticationEntryPoint("/login"),
                            new org.springframework.security.web.util.matcher.MediaTypeRequestMatcher(
                                    org.springframework.http.MediaType.TEXT_HTML)))
                    .addFilterBefore(new ProConnectQuirks(behaviour, proConnect),
                            org.springframework.security.web.context.SecurityContextHolderFilter.class)
                    .csrf(c -> c.ignoringRequestMatchers(server.getEndpointsMatcher()));
            return http.build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain login(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(a -> a.anyRequest().authenticated())
                    .formLogin(Customizer.withDefaults()).build();
        }

        private static Map<String, Object> claimsOf(People people, String username) {
            Map<String, Object> claims = new HashMap<>(people.claims.getOrDefault(username, Map.of()));
            claims.put("sub", username);
            return claims;
        }

        private static String issuer(HttpServletRequest request) {
            return "http://" + request.getServerName() + ":" + request.getServerPort();
        }

        private static void signedUserinfo(Behaviour behaviour, HttpServletResponse response,
                OidcUserInfoAuthenticationToken authentication, String issuer) throws IOException {
            Map<String, Object> claims = new HashMap<>(authentication.getUserInfo().getClaims());
            if (behaviour.userinfoAsJson) {
                response.setContentType("application/json");
                response.getWriter().write(new ObjectMapper().writeValueAsString(claims));
                return;
            }
            try {
                JWTClaimsSet.Builder set = new JWTClaimsSet.Builder().issuer(issuer).audience(CLIENT_ID)
                        .issueTime(new Date());
                claims.forEach(set::claim);
                String jwt;
                if (behaviour.userinfoUnsigned) {
                    jwt = new PlainJWT(set.build()).serialize();
                } else {
                    KeyPair keys = behaviour.userinfoSignedWithUnknownKey ? STRANGER_KEYS : KEYS;
                    String keyId = behaviour.userinfoSignedWithUnknownKey ? "stranger-key" : KEY_ID;
                    SignedJWT signed = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(),
                            set.build());
                    signed.sign(new RSASSASigner(keys.getPrivate()));
                    jwt = signed.serialize();
                }
                response.setContentType("application/jwt");
                response.getWriter().write(jwt);
            } catch (com.nimbusds.jose.JOSEException e) {
                throw new IOException(e);
            }
        }

        private static KeyPair rsa() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair();
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** ProConnect's refusals: unknown /authorize parameters (Y000400); the test's "provider down" on /token. */
    static final class ProConnectQuirks extends OncePerRequestFilter {

        private final Behaviour behaviour;
        private final boolean proConnect;

        ProConnectQuirks(Behaviour behaviour, boolean proConnect) {
            this.behaviour = behaviour;
            this.proConnect = proConnect;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String path = request.getRequestURI();
            if (path.equals("/oauth2/authorize")) {
                synchronized (behaviour) {
                    behaviour.authorizeQueries.add(request.getQueryString());
                }
                if (proConnect) {
                    for (String name : request.getParameterMap().keySet()) {
                        if (!KNOWN_PARAMETERS.contains(name)) {
                            response.sendError(400, "Y000400 unknown parameter " + name);
                            return;
                        }
                    }
                }
            }
            if (path.equals("/connect/logout")) {
                synchronized (behaviour) {
                    behaviour.endSessionQueries.add(request.getQueryString());
                }
            }
            if (path.equals("/oauth2/token")) {
                if (behaviour.tokenEndpointDown) {
                    response.sendError(503);
                    return;
                }
                synchronized (behaviour) {
                    behaviour.tokenRequestAuth.add(request.getHeader("Authorization") != null ? "basic"
                            : request.getParameter("client_secret") != null ? "post" : "none");
                }
            }
            chain.doFilter(request, response);
        }
    }

    /** Authorizations kept in memory; with {@link Behaviour#codesExpired} a code is read as issued 61 s ago. */
    static final class ExpiringAuthorizations implements OAuth2AuthorizationService {

        private final InMemoryOAuth2AuthorizationService delegate = new InMemoryOAuth2AuthorizationService();
        private final Behaviour behaviour;

        ExpiringAuthorizations(Behaviour behaviour) {
            this.behaviour = behaviour;
        }

        @Override
        public void save(OAuth2Authorization authorization) {
            delegate.save(authorization);
        }

        @Override
        public void remove(OAuth2Authorization authorization) {
            delegate.remove(authorization);
        }

        @Override
        public OAuth2Authorization findById(String id) {
            return delegate.findById(id);
        }

        @Override
        public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
            OAuth2Authorization found = delegate.findByToken(token, tokenType);
            if (found == null || !behaviour.codesExpired) {
                return found;
            }
            var code = found.getToken(OAuth2AuthorizationCode.class);
            if (code == null) {
                return found;
            }
            Instant issued = Instant.now().minusSeconds(121);
            return OAuth2Authorization.from(found).token(new OAuth2AuthorizationCode(code.getToken().getTokenValue(),
                    issued, issued.plusSeconds(60)), metadata -> metadata.putAll(code.getMetadata())).build();
        }
    }

}
