package fr.beta.guichet.grants;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Grants written before their requester was kept (V65) get it from the history of their request, once, at
 * startup: who started the process instance with that business key. Rows whose history was cleaned up stay
 * without one (they are still in their holder's « Mes accès »).
 */
@Component
class GrantRequesterBackfill {

    private static final Logger log = LoggerFactory.getLogger(GrantRequesterBackfill.class);

    private final JdbcTemplate jdbc;
    private final HistoryService historyService;

    GrantRequesterBackfill(JdbcTemplate jdbc, HistoryService historyService) {
        this.jdbc = jdbc;
        this.historyService = historyService;
    }

    @EventListener(ApplicationReadyEvent.class)
    public int backfill() {
        int filled = 0;
        for (String reference : jdbc.queryForList("SELECT request_reference FROM guichet_access_grant"
                + " WHERE requested_by IS NULL AND request_reference IS NOT NULL", String.class)) {
            HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
                    .processInstanceBusinessKey(reference).listPage(0, 1).stream().findFirst().orElse(null);
            if (instance != null && instance.getStartUserId() != null) {
                filled += jdbc.update("UPDATE guichet_access_grant SET requested_by = ? WHERE request_reference = ?"
                        + " AND requested_by IS NULL", instance.getStartUserId(), reference);
            }
        }
        if (filled > 0) {
            log.info("Access registry: requester of {} older grant(s) read from the history", filled);
        }
        return filled;
    }
}
