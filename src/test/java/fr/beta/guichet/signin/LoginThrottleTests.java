package fr.beta.guichet.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.Base64;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import fr.beta.guichet.support.GuichetSpringTest;

/**
 * No lock-out by strangers: wrong passwords from one address slow down that address only — on the login form and on
 * {@code /engine-rest} alike — with a French message saying when to retry; the account's owner, from their own
 * address, signs in as usual, even after more wrong attempts than Camunda's lock used to allow (10).
 */
@GuichetSpringTest
class LoginThrottleTests {

    @Autowired MockMvc mvc;
    @Autowired IdentityService identityService;

    @Test
    void wrongPasswordsFromOneAddressNeverLockTheOwnerOut() throws Exception {
        for (int i = 0; i < 12; i++) {
            MvcResult wrong = mvc.perform(login("hussardnum", "nope" + i).with(from("203.0.113.7")))
                    .andReturn();
            // four failures are answered « incorrect »; the fifth starts the wait and says so
            assertThat(wrong.getResponse().getRedirectedUrl()).as("attempt " + (i + 1))
                    .matches(i < 4 ? "/login\\?error" : "/login\\?attente=\\d+");
        }
        // the stranger's address waits, even with the right password, and is told when to retry
        String throttled = mvc.perform(login("hussardnum", "demo").with(from("203.0.113.7")))
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(throttled).matches("/login\\?attente=\\d+");
        String page = mvc.perform(get(throttled)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Trop d’essais de connexion infructueux", "réessayez dans", "n’est pas bloqué");

        // the owner, from their own address, is in: no Camunda lock (ENGINE-27002) was set
        String owner = mvc.perform(login("hussardnum", "demo").with(from("198.51.100.20")))
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(owner).isEqualTo("/");
        assertThat(identityService.checkPassword("hussardnum", "demo")).isTrue();
    }

    @Test
    void theFifthFailureStartsTheWaitAndASuccessBeforeItForgetsEarlierFailures() throws Exception {
        for (int i = 0; i < 4; i++) {
            mvc.perform(login("julien", "faux").with(from("203.0.113.8")));
        }
        assertThat(mvc.perform(login("julien", "demo").with(from("203.0.113.8"))).andReturn()
                .getResponse().getRedirectedUrl()).isEqualTo("/");
        for (int i = 0; i < 4; i++) {
            assertThat(mvc.perform(login("julien", "faux").with(from("203.0.113.8"))).andReturn()
                    .getResponse().getRedirectedUrl()).isEqualTo("/login?error");
        }
        assertThat(mvc.perform(login("julien", "faux").with(from("203.0.113.8"))).andReturn()
                .getResponse().getRedirectedUrl()).isEqualTo("/login?attente=30");
        assertThat(mvc.perform(login("julien", "demo").with(from("203.0.113.8"))).andReturn()
                .getResponse().getRedirectedUrl()).startsWith("/login?attente=");
    }

    @Test
    void engineRestBasicAuthIsThrottledTheSameWayWith429AndRetryAfter() throws Exception {
        for (int i = 0; i < 4; i++) {
            assertThat(mvc.perform(get("/engine-rest/process-instance/count").with(basic("guillett", "faux"))
                    .with(from("203.0.113.9"))).andReturn().getResponse().getStatus()).isEqualTo(401);
        }
        // the fifth failure starts the wait, and then even the right password waits
        assertThat(mvc.perform(get("/engine-rest/process-instance/count").with(basic("guillett", "faux"))
                .with(from("203.0.113.9"))).andReturn().getResponse().getStatus()).isEqualTo(429);
        var throttled = mvc.perform(get("/engine-rest/process-instance/count").with(basic("guillett", "demo"))
                .with(from("203.0.113.9"))).andReturn().getResponse();
        assertThat(throttled.getStatus()).isEqualTo(429);
        assertThat(Integer.parseInt(throttled.getHeader("Retry-After"))).isBetween(1, 31);
        assertThat(throttled.getContentAsString()).contains("Réessayez dans");
        // another address: the right password gets through security (MockMvc has no Jersey servlet behind: 404)
        assertThat(mvc.perform(get("/engine-rest/process-instance/count").with(basic("guillett", "demo"))
                .with(from("198.51.100.21"))).andReturn().getResponse().getStatus()).isNotIn(401, 403, 429);
    }

    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder login(String user,
            String password) {
        return post("/login").param("username", user).param("password", password).with(csrf());
    }

    private static RequestPostProcessor from(String address) {
        return (MockHttpServletRequest request) -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    private static RequestPostProcessor basic(String user, String password) {
        return request -> {
            request.addHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return request;
        };
    }
}
