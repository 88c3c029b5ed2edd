package fr.beta.guichet.manual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import fr.beta.guichet.account.ChatIdentities;
import fr.beta.guichet.grants.AccessGrant;
import fr.beta.guichet.grants.AccessGrants;
import fr.beta.guichet.grants.GrantState;
import fr.beta.guichet.grants.Viewers;
import fr.beta.guichet.offboarding.OffboardingProperties;
import fr.beta.guichet.offboarding.Offboardings;
import fr.beta.guichet.provider.ProviderTransports;
import fr.beta.guichet.request.engine.RequestModels;
import fr.beta.guichet.request.identity.AccessHolders;
import fr.beta.guichet.request.read.RequestReadModel;
import fr.beta.guichet.request.read.RequestTypes;
import fr.beta.guichet.request.spi.ExecutorBrief;
import fr.beta.guichet.request.start.RequestStarter;
import fr.beta.guichet.request.tasks.RequestDialogue;
import fr.beta.guichet.request.tasks.RequestTasks;
import fr.beta.guichet.request.tasks.TaskActionException;
import fr.beta.guichet.request.variables.LifecycleElements;
import fr.beta.guichet.request.variables.ProcessVariable;
import fr.beta.guichet.request.variables.RequestVariables;
import fr.beta.guichet.support.ChatProbe;
import fr.beta.guichet.support.GuichetSpringTest;
import fr.beta.guichet.support.JobDriver;

/**
 * The lifecycle of a type declared in {@code manual-requests.yaml} (Brevo: it gives an access), on the same
 * services as every type: claim, execution by hand with the instructions and fields, question to the requester,
 * « fait », rejection, the grant recorded then revoked by hand at the person's departure, and an instance whose type
 * left the catalogue finishing.
 */
@GuichetSpringTest
@Import(JobDriver.class)
class ManualProcessTests {

    private static final String REQUESTER = "alice";

    @Autowired ProcessEngine engine;
    @Autowired OffboardingProperties schedule;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired HistoryService historyService;
    @Autowired ManagementService managementService;
    @Autowired RepositoryService repositoryService;
    @Autowired RequestStarter starter;
    @Autowired RequestTasks tasks;
    @Autowired RequestTypes types;
    @Autowired RequestDialogue dialogue;
    @Autowired RequestReadModel readModel;
    @Autowired AccessHolders holders;
    @Autowired AccessGrants grants;
    @Autowired ManualTypes manualTypes;
    @Autowired Offboardings offboardings;
    @Autowired Viewers viewers;
    @Autowired ProviderTransports transports;
    @Autowired ChatIdentities identities;
    @Autowired JobDriver jobs;

    private ManualRequestType brevo;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(engine);
        brevo = manualTypes.declared("request-manual-brevo").orElseThrow();
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void everyDeclaredTypeIsRegisteredWithItsGroupAndDeployedUnderItsFrenchName() {
        assertThat(manualTypes.requestTypes()).hasSize(10);
        for (ManualRequestType type : manualTypes.requestTypes()) {
            assertThat(types.byKey(type.processKey())).containsSame(type);
            assertThat(types.byFormPath(type.formPath())).containsSame(type);
            var definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey(type.processKey())
                    .latestVersion().singleResult();
            assertThat(definition).as(type.processKey()).isNotNull();
            assertThat(definition.getName()).isEqualTo(type.name());
            assertThat(holders.of(type.resourceGroup())).as(type.resourceGroup()).hasSizeGreaterThanOrEqualTo(2);
        }
        assertThat(types.byKey("request-manual-autre").orElseThrow().resourceGroup()).isEqualTo("ops");
        assertThat(types.all()).as("the six automated types stay").hasSize(16);
    }

    @Test
    void takenThenDoneByHandWithTheInstructionsAndRecordsTheGrant() {
        String email = "zoe." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        ProcessInstance pi = start(brevoRequest(email));
        assertThat(pi).isWaitingAt(LifecycleElements.CLAIM);
        assertThat(task(pi)).hasCandidateGroup("ops-outils");

        tasks.take(task(pi).getId(), firstHolder());
        jobs.runDueJobsAndProviderPolling(pi.getId());
        assertThat(pi).isWaitingAt(LifecycleElements.EXECUTE_MANUALLY);
        assertThat(task(pi)).isAssignedTo(firstHolder());

        ExecutorBrief brief = readModel.executorBrief(pi.getId()).orElseThrow();
        assertThat(brief.instructions()).contains("Brevo").contains("Utilisateurs");
        assertThat(brief.facts()).contains(new ExecutorBrief.Fact("Adresse e-mail de la personne", email),
                new ExecutorBrief.Fact("Rôle", "Édition"), new ExecutorBrief.Fact("Sous-compte de la startup", "mon-produit"));

        tasks.completeManually(task(pi).getId(), firstHolder());
        jobs.runDueJobs(pi.getId());
        assertThat(pi).isEnded().hasPassed(LifecycleElements.EXECUTE_MANUALLY).hasNotPassed(LifecycleElements.CONFIRM);
        assertThat(historicEnd(pi)).isEqualTo(LifecycleElements.DONE);
        assertThat(replies(pi)).anySatisfy(m -> assertThat(m).contains("fait"));

        AccessGrant grant = grants.byRequest(pi.getBusinessKey()).orElseThrow();
        assertThat(grant.kind()).isEqualTo("manual");
        assertThat(grant.personEmail()).isEqualTo(email);
        assertThat(grant.resourceGroup()).isEqualTo("ops-outils");
        assertThat(grant.resource()).isEqualTo("Un accès Brevo : mon-produit");
        assertThat(grant.level()).isEqualTo("Édition");
        assertThat(grant.state()).isEqualTo(GrantState.ACTIVE);
    }

    @Test
    void rejectedAtClaimWithTheReason() {
        ProcessInstance pi = start(brevoRequest("yann@example.org"));
        tasks.reject(task(pi).getId(), secondHolder(), "Brevo n'est pas ouvert à cette startup.");
        jobs.runDueJobs(pi.getId());
        assertThat(historicEnd(pi)).isEqualTo(LifecycleElements.REJECTED);
        assertThat(replies(pi)).anySatisfy(m -> assertThat(m).contains("Brevo n'est pas ouvert à cette startup."));
        assertThat(grants.byRequest(pi.getBusinessKey())).isEmpty();
    }

    @Test
    void rejectedByTheExecutorAfterTakingIt() {
        ProcessInstance pi = start(brevoRequest("yves@example.org"));
        tasks.take(task(pi).getId(), firstHolder());
        jobs.runDueJobsAndProviderPolling(pi.getId());
        assertThatThrownBy(() -> tasks.completeManually(task(pi).getId(), secondHolder()))
                .isInstanceOf(TaskActionException.class);
        tasks.reject(task(pi).getId(), firstHolder(), "Le sous-compte n'existe pas.");
        jobs.runDueJobs(pi.getId());
        assertThat(historicEnd(pi)).isEqualTo(LifecycleElements.REJECTED);
        assertThat(grants.byRequest(pi.getBusinessKey())).isEmpty();
    }

    @Test
    void aQuestionDuringTheWorkComesBackToTheExecutorThenFait() {
        ProcessInstance pi = start(brevoRequest("xavier@example.org"));
        tasks.take(task(pi).getId(), firstHolder());
        jobs.runDueJobsAndProviderPolling(pi.getId());
        tasks.ask(task(pi).getId(), firstHolder(), "Quel sous-compte exactement ?");
        jobs.runDueJobs(pi.getId());
        assertThat(pi).isWaitingAt(LifecycleElements.ANSWER_QUESTION);
        dialogue.answer(pi.getId(), REQUESTER, "Celui de production.");
        jobs.runDueJobs(pi.getId());
        assertThat(pi).isWaitingAt(LifecycleElements.EXECUTE_MANUALLY);
        assertThat(task(pi)).isAssignedTo(firstHolder());
        tasks.completeManually(task(pi).getId(), firstHolder());
        jobs.runDueJobs(pi.getId());
        assertThat(historicEnd(pi)).isEqualTo(LifecycleElements.DONE);
    }

    @Test
    void aQuestionAtClaimWithACorrectionCheckedByTheDeclaredRules() {
        ProcessInstance pi = start(brevoRequest("wanda@example.org"));
        tasks.ask(task(pi).getId(), firstHolder(), "Quelle adresse ?");
        jobs.runDueJobs(pi.getId());
        var corrected = brevoRequest("wanda.w@example.org");
        dialogue.answer(pi.getId(), REQUESTER, "Celle-ci.", brevo, corrected);
        jobs.runDueJobs(pi.getId());
        assertThat(pi).isWaitingAt(LifecycleElements.CLAIM);
        assertThat(RequestVariables.REQUEST.get(runtimeService, pi.getId())).isEqualTo(corrected);
    }

    @Test
    void aGrantGivenByHandBecomesAManualRevocationForItsGroupAtTheDeparture() {
        String email = "depart." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        ProcessInstance request = start(brevoRequest(email));
        tasks.take(task(request).getId(), firstHolder());
        jobs.runDueJobsAndProviderPolling(request.getId());
        tasks.completeManually(task(request).getId(), firstHolder());
        jobs.runDueJobs(request.getId());
        AccessGrant grant = grants.byRequest(request.getBusinessKey()).orElseThrow();

        LocalDate day = LocalDate.now().plusDays(3);
        String reference = offboardings.start(viewers.of("manon"), email, day,
                Map.of(grant.id(), new Offboardings.Choice(fr.beta.guichet.offboarding.Decision.REVOKE, null)));
        ProcessInstance departure = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference)
                .singleResult();
        drive(departure);
        // the schedule takes an access given by hand back 30 days after the departure (« default »)
        ClockUtil.setCurrentTime(Date.from(day.atStartOfDay(ZoneId.systemDefault()).toInstant()
                .plus(schedule.revokeAfter("manual")).plusSeconds(60)));
        drive(departure);

        assertThat(grants.byId(grant.id()).orElseThrow().state()).as("nobody confirmed yet").isEqualTo(GrantState.ACTIVE);
        var manual = offboardings.manualRevocations(viewers.of(firstHolder())).stream()
                .filter(m -> m.grant().id().equals(grant.id())).toList();
        assertThat(manual).singleElement().satisfies(m -> assertThat(m.error())
                .contains("À retirer à la main").contains("Brevo").contains("Utilisateurs"));
        assertThat(offboardings.manualRevocations(viewers.of("florian.delezenne")))
                .as("not another group's").noneMatch(m -> m.grant().id().equals(grant.id()));

        String taskId = manual.get(0).task().getId();
        assertThatThrownBy(() -> offboardings.done(viewers.of(firstHolder()), taskId))
                .isInstanceOf(TaskActionException.class).hasMessage("offboarding.error.takeFirst");
        offboardings.take(viewers.of(firstHolder()), taskId);
        offboardings.done(viewers.of(firstHolder()), taskId);
        drive(departure);
        assertThat(grants.byId(grant.id()).orElseThrow().state()).isEqualTo(GrantState.REVOKED);
        assertThat(departure).isEnded();
    }

    @Test
    void anInstanceWhoseTypeLeftTheCatalogueStillFinishes() {
        // a type once declared, deployed, then removed from the file: its definition stays, nothing declares it
        var gone = new RetiredManualType("ancienne-demande", "Ancienne demande");
        repositoryService.createDeployment().name("retired-test")
                .addModelInstance(RequestModels.resourceName(gone), RequestModels.of(gone)).deploy();
        var request = new ManualRequest("Startup", "Pour l'équipe", Map.of("outil", "Ancien outil"));
        ProcessInstance pi = runtimeService.createProcessInstanceByKey(gone.processKey())
                .businessKey("RET-" + UUID.randomUUID().toString().substring(0, 8))
                .setVariables(ProcessVariable.variables(RequestVariables.REQUEST.with(request),
                        RequestVariables.REQUESTER.with(REQUESTER), RequestVariables.DESCRIPTION.with("Ancien outil")))
                .startBeforeActivity(LifecycleElements.CLAIM).execute();
        assertThat(manualTypes.declared(gone.processKey())).isEmpty();

        tasks.take(task(pi).getId(), "hussardnum");
        jobs.runDueJobsAndProviderPolling(pi.getId());
        assertThat(pi).isWaitingAt(LifecycleElements.EXECUTE_MANUALLY);
        assertThat(readModel.executorBrief(pi.getId()).orElseThrow().facts())
                .contains(new ExecutorBrief.Fact("outil", "Ancien outil"));
        assertThat(readModel.request(pi.getId()).orElseThrow().description()).contains("Ancien outil");
        tasks.completeManually(task(pi).getId(), "hussardnum");
        jobs.runDueJobs(pi.getId());
        assertThat(historicEnd(pi)).isEqualTo(LifecycleElements.DONE);
        assertThat(types.byFormPath("/demandes/ancienne-demande")).isPresent();
        assertThat(types.byFormPath("/demandes/jamais-declaree")).isEmpty();
    }

    private ManualRequest brevoRequest(String email) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("email", email);
        fields.put("account", "mon-produit");
        fields.put("role", "editor");
        ManualRequest request = new ManualRequest("Mon produit", "Envoyer la lettre d'information", fields);
        assertThat(brevo.fieldErrors(request)).isEmpty();
        return request;
    }

    private ProcessInstance start(ManualRequest request) {
        String reference = starter.start(brevo, request, REQUESTER);
        ProcessInstance pi = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference)
                .singleResult();
        jobs.runDueJobs(pi.getId());
        return pi;
    }

    private String firstHolder() {
        return holders.of(brevo.resourceGroup()).get(0);
    }

    private String secondHolder() {
        return holders.of(brevo.resourceGroup()).get(1);
    }

    private Task task(ProcessInstance pi) {
        return taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    }

    private List<String> replies(ProcessInstance pi) {
        String root = (String) historyService.createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                .variableName(RequestVariables.MATTERMOST_POST_ID.name()).singleResult().getValue();
        return new ChatProbe(transports, identities).thread(root).orElseThrow().replyMessages();
    }

    private String historicEnd(ProcessInstance pi) {
        return historyService.createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).singleResult()
                .getEndActivityId();
    }

    /** Runs every due job until the instance waits on a person or a future timer. */
    private void drive(ProcessInstance pi) {
        for (int i = 0; i < 100; i++) {
            List<Job> due = managementService.createJobQuery().processInstanceId(pi.getId()).executable().list();
            if (due.isEmpty()) {
                return;
            }
            managementService.executeJob(due.get(0).getId());
        }
        throw new AssertionError("The departure never settled");
    }
}
