package fr.beta.guichet.system;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import fr.beta.guichet.support.GuichetSpringTest;

/** Issue 21 (« Also »): {@code GET /error} asked for directly answers 404, not 500 {@code {"status":999}}. */
@GuichetSpringTest
class DirectErrorPageTests {

    @Autowired MockMvc mvc;

    @Test
    void aDirectErrorRequestIsANotFoundPage() throws Exception {
        mvc.perform(get("/error").accept(MediaType.TEXT_HTML)).andExpect(status().isNotFound())
                .andExpect(content().string(containsString("lang=\"fr\"")))
                .andExpect(content().string(not(containsString("999"))));
        mvc.perform(get("/error").accept(MediaType.APPLICATION_JSON)).andExpect(status().isNotFound())
                .andExpect(content().string(not(containsString("999"))));
        mvc.perform(get("/error").with(user("alice")).accept(MediaType.TEXT_HTML)).andExpect(status().isNotFound());
    }
}
