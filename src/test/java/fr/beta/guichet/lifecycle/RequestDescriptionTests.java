package fr.beta.guichet.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.beta.guichet.subdomain.SubdomainProcess;
import fr.beta.guichet.subdomain.SubdomainRecordType;
import fr.beta.guichet.subdomain.SubdomainRequest;
import fr.beta.guichet.support.GuichetSpringTest;

/**
 * Lists show what a request asks from the {@code description} string written at start, without loading the JSON
 * record; requests started before that variable existed show the same text, read from their record.
 */
@GuichetSpringTest
class RequestDescriptionTests {

    @Autowired RequestStarter starter;
    @Autowired RequestTypes types;
    @Autowired RequestReadModel readModel;
    @Autowired RuntimeService runtimeService;
    @Autowired HistoryService historyService;

    private final List<String> started = new ArrayList<>();

    @AfterEach
    void deleteInstances() {
        runtimeService.deleteProcessInstancesIfExists(started, "test cleanup", true, true, false);
        historyService.deleteHistoricProcessInstancesIfExists(started);
    }

    @Test
    void newAndOlderRequestsShowTheSameDescription() {
        String label = "desc" + UUID.randomUUID().toString().substring(0, 8);
        var request = new SubdomainRequest(label, SubdomainRecordType.CNAME, "app.example.net", 3600, "Lecture",
                "Tester les descriptions");
        @SuppressWarnings("unchecked")
        var type = (RequestType<SubdomainRequest>) types.byKey(SubdomainProcess.KEY).orElseThrow();
        String expected = type.describe(request);

        String reference = starter.start(type, request, "alice");
        String fresh = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference).singleResult()
                .getId();
        started.add(fresh);
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(fresh)
                .variableName(RequestVariables.DESCRIPTION.name()).singleResult().getValue()).isEqualTo(expected);

        var legacyVariables = Variables.createVariables().putValueTyped(RequestVariables.REQUEST,
                RequestData.toVariable(request));
        RequestVariables.REQUESTER.putIn(legacyVariables, "alice");
        String legacy = runtimeService.createProcessInstanceByKey(SubdomainProcess.KEY).businessKey("OLD-" + label)
                .setVariables(legacyVariables).startBeforeActivity(LifecycleElements.CLAIM).execute().getId();
        started.add(legacy);

        var views = readModel.byProcessInstance(List.of(fresh, legacy));
        assertThat(views.get(fresh).description()).isEqualTo(expected).contains(label);
        assertThat(views.get(legacy).description()).isEqualTo(expected);
    }
}
