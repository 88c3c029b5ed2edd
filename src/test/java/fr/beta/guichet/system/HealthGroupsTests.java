package fr.beta.guichet.system;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import fr.beta.guichet.support.GuichetSpringTest;

/**
 * The health endpoints a container and a load balancer call, anonymously: {@code /actuator/health},
 * {@code /actuator/health/liveness} (the process only) and {@code /actuator/health/readiness} (database and job
 * acquisition too); statuses of the components, never their details. The job executor is off in this profile
 * (tests run jobs themselves), which the job acquisition check reports as UP, enabled=false (details hidden here).
 */
@GuichetSpringTest
class HealthGroupsTests {

    @Autowired MockMvc mvc;

    @Test
    void livenessIsTheProcessOnly() throws Exception {
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components.livenessState.status").value("UP"))
                .andExpect(jsonPath("$.components.db").doesNotExist())
                .andExpect(jsonPath("$.components.jobAcquisition").doesNotExist());
    }

    @Test
    void readinessIsTheDatabaseAndTheJobAcquisition() throws Exception {
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components.readinessState.status").value("UP"))
                .andExpect(jsonPath("$.components.db.status").value("UP"))
                .andExpect(jsonPath("$.components.db.details").doesNotExist())
                .andExpect(jsonPath("$.components.jobAcquisition.status").value("UP"))
                .andExpect(jsonPath("$.components.jobAcquisition.details").doesNotExist())
                .andExpect(jsonPath("$.components.processEngine").doesNotExist());
    }

    @Test
    void overallHealthIsUpAndShowsNoComponentDetails() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.details").doesNotExist())
                .andExpect(jsonPath("$.components").doesNotExist());
    }
}
