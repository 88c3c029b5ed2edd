package fr.beta.guichet.system;

import java.util.Map;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;

import fr.beta.guichet.access.AccessGroups;
import fr.beta.guichet.access.ResourceGroups;
import fr.beta.guichet.metrics.MetricsProperties;
import fr.beta.guichet.signin.SignInSecurity;

/**
 * One login for everything. The app uses OpenID Connect (ProConnect, {@code signin/}) when configured and form login
 * (throttled, and limited to a break-glass admin in prod with OIDC) with CSRF on every form; the Camunda webapps under
 * {@code /camunda} reuse that session (their own CSRF filter protects their API); {@code /engine-rest} accepts
 * only HTTP Basic, statelessly, and Camunda authorizations apply to the authenticated user everywhere.
 * {@code /actuator/prometheus} is for managers (session or HTTP Basic) and for a Prometheus server holding the
 * scrape token.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

    private static final String ENGINE_REST = "/engine-rest/**";

    @Bean
    @Order(1)
    SecurityFilterChain engineRest(HttpSecurity http, CamundaIdentityAuthenticationProvider identity,
            SignInSecurity signIn) throws Exception {
        // The REST API is a Jersey servlet, not Spring MVC: match on the raw path.
        return http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher(ENGINE_REST))
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .authenticationProvider(identity)
                // a throttled login (signin.LoginThrottle) answers 429 with Retry-After, others 401
                .httpBasic(basic -> basic.authenticationEntryPoint(signIn.basicEntryPoint()))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Basic credentials are sent explicitly by API clients, never added by a browser on its own.
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain prometheus(HttpSecurity http, CamundaIdentityAuthenticationProvider identity,
            MetricsProperties metrics) throws Exception {
        return http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/actuator/prometheus"))
                .authorizeHttpRequests(auth -> auth.anyRequest().hasAnyAuthority("GROUP_" + AccessGroups.MANAGERS,
                        "GROUP_" + AccessGroups.PLATFORM_ADMINS, ScrapeTokenFilter.AUTHORITY))
                .authenticationProvider(identity)
                .httpBasic(Customizer.withDefaults())
                .addFilterBefore(new ScrapeTokenFilter(metrics.scrapeToken()), BasicAuthenticationFilter.class)
                // read-only GET; a scraper sends its token explicitly, a browser never adds it on its own
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain app(HttpSecurity http, CamundaIdentityAuthenticationProvider identity,
            ResourceGroups resourceGroups, SignInSecurity signIn) throws Exception {
        // OpenID Connect login (ProConnect) and the provider's logout, when configured (signin/)
        signIn.configure(http);
        return http
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/login", "/connexion/**", "/css/**", "/js/**", "/vendor/**", "/images/**", "/favicon.ico", "/error",
                                "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/taches/**").hasAnyAuthority(resourceGroups.authorities())
                        .requestMatchers("/metriques/**").hasAnyAuthority("GROUP_" + AccessGroups.MANAGERS,
                                "GROUP_" + AccessGroups.PLATFORM_ADMINS)
                        .requestMatchers("/bac-a-sable/**").authenticated()
                        .anyRequest().authenticated())
                .authenticationProvider(identity)
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false)
                        .failureHandler(signIn.passwordFailures()).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                // The Camunda webapps send their own CSRF token (X-XSRF-TOKEN) checked by Camunda's filter.
                .csrf(csrf -> csrf.ignoringRequestMatchers("/camunda/api/**"))
                .headers(headers -> headers
                        .frameOptions(frame -> frame.sameOrigin())
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        // HSTS is written on HTTPS requests only (behind TLS in prod, forwarded headers trusted)
                        .httpStrictTransportSecurity(hsts -> hsts.maxAgeInSeconds(31_536_000).includeSubDomains(true))
                        // The app's pages: no inline script or style at all. The Camunda webapps set their own CSP.
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                new NegatedRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher("/camunda/**")),
                                new ContentSecurityPolicyHeaderWriter(appCsp(signIn))))
                        .permissionsPolicyHeader(p -> p.policy("camera=(), microphone=(), geolocation=()")))
                .build();
    }

    /** Content Security Policy of the app's pages (DSFR, Chart.js and our scripts are same-origin files). */
    static final String APP_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'self'";

    /**
     * The app's CSP; with a provider configured its origin joins {@code form-action}: « Se déconnecter » posts a form
     * answered by a redirect to the provider's end-session endpoint, which browsers otherwise block.
     */
    static String appCsp(SignInSecurity signIn) {
        return signIn.providerOrigin()
                .map(origin -> APP_CSP.replace("form-action 'self'", "form-action 'self' " + origin))
                .orElse(APP_CSP);
    }

    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> camundaWebappAuthentication() {
        var registration = new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.setInitParameters(Map.of("authentication-provider",
                SpringSecurityCamundaAuthentication.class.getName()));
        // after Spring Security's filter chain, which has put the user in the security context
        registration.setOrder(101);
        registration.addUrlPatterns("/camunda/app/*", "/camunda/api/*");
        return registration;
    }

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setInitParameters(Map.of("authentication-provider",
                SpringSecurityCamundaAuthentication.class.getName()));
        registration.setOrder(102);
        registration.addUrlPatterns("/engine-rest/*");
        return registration;
    }
}
