package fr.beta.guichet.metrics;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import fr.beta.guichet.request.read.RequestTypes;

/**
 * Adds {@link RequestReportHandler} to the engine's history event handlers, next to its database handler (the
 * engine builds a composite of both: {@code enableDefaultDbHistoryEventHandler} stays on), and backfills the
 * report from the history once the engine is built. The JdbcTemplate dependency also makes Spring run Flyway
 * (the table's migration) before this plugin exists.
 */
@Component
class RequestReportPlugin extends AbstractProcessEnginePlugin {

    private final RequestReportHandler handler;
    private final RequestReportBackfill backfill;

    RequestReportPlugin(JdbcTemplate jdbc, MetricsDialect dialect, ObjectProvider<RequestTypes> types,
            PlatformTransactionManager transactionManager) {
        this.handler = new RequestReportHandler(jdbc, dialect, types);
        this.backfill = new RequestReportBackfill(jdbc, dialect, types, transactionManager);
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryEventHandler> handlers = new ArrayList<>();
        if (configuration.getCustomHistoryEventHandlers() != null) {
            handlers.addAll(configuration.getCustomHistoryEventHandlers());
        }
        handlers.add(handler);
        configuration.setCustomHistoryEventHandlers(handlers);
        configuration.setEnableDefaultDbHistoryEventHandler(true);
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        backfill.run();
    }

    RequestReportHandler handler() {
        return handler;
    }

    RequestReportBackfill backfill() {
        return backfill;
    }
}
