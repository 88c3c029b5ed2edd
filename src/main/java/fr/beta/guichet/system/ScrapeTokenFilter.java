package fr.beta.guichet.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a Prometheus server read {@code /actuator/prometheus} with {@code Authorization: Bearer <token>}, the token
 * coming from {@code GUICHET_PROMETHEUS_TOKEN}. Compared in constant time (over SHA-256 digests, so the length does
 * not leak either); the authentication lives for this request only, never in a session. An empty token disables it.
 */
final class ScrapeTokenFilter extends OncePerRequestFilter {

    static final String AUTHORITY = "METRICS_SCRAPER";
    private static final String BEARER = "Bearer ";

    private final byte[] expected;

    ScrapeTokenFilter(String token) {
        this.expected = token == null || token.isBlank() ? null : sha256(token.strip());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (expected != null && header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && MessageDigest.isEqual(expected, sha256(header.substring(BEARER.length()).strip()))) {
            var strategy = SecurityContextHolder.getContextHolderStrategy();
            var context = strategy.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("prometheus", null,
                    List.of(new SimpleGrantedAuthority(AUTHORITY))));
            strategy.setContext(context);
        }
        chain.doFilter(request, response);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
