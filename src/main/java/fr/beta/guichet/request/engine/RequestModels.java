package fr.beta.guichet.request.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Definitions;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnDiagram;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnPlane;
import org.springframework.core.io.ClassPathResource;

import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.request.variables.LifecycleElements;

/**
 * The request lifecycle is drawn once, in {@value #TEMPLATE}; each request type is deployed as its own process
 * definition derived from that drawing, so that Cockpit, history, authorizations, filters and metrics read per
 * type. A derived model differs from the template only in its ids and name and in the candidate group of
 * {@code claim}: the type's {@link RequestType#resourceGroup()} in place of {@value #GROUP_PLACEHOLDER}.
 */
public final class RequestModels {

    /** Classpath location of the one lifecycle model (top-level {@code bpmn/} of the repository). */
    public static final String TEMPLATE = "bpmn/lifecycle/request-lifecycle.bpmn";
    /** Process id of the template itself: it is never deployed under this key. */
    public static final String TEMPLATE_KEY = "request-lifecycle";
    /** What the template's {@code claim} names as candidate group, replaced by each type's group. */
    public static final String GROUP_PLACEHOLDER = "${resourceGroup}";

    private RequestModels() {
    }

    /** Reads the template as shipped. */
    public static BpmnModelInstance template() {
        try (InputStream in = new ClassPathResource(TEMPLATE).getInputStream()) {
            return Bpmn.readModelFromStream(in);
        } catch (IOException e) {
            throw new UncheckedIOException("The request lifecycle model " + TEMPLATE + " cannot be read", e);
        }
    }

    /** The model of one request type: the template with the type's key, French name and resource group. */
    public static BpmnModelInstance of(RequestType<?> type) {
        return derive(template(), type.processKey(), type.name(), type.resourceGroup());
    }

    /** File name under which a type's model is deployed: its key, as Modeler would save it. */
    public static String resourceName(RequestType<?> type) {
        return type.processKey() + ".bpmn";
    }

    static BpmnModelInstance derive(BpmnModelInstance template, String key, String name, String group) {
        BpmnModelInstance model = template.clone();
        Process process = model.getModelElementById(TEMPLATE_KEY);
        if (process == null) {
            throw new IllegalStateException(TEMPLATE + " has no process " + TEMPLATE_KEY);
        }
        UserTask claim = model.getModelElementById(LifecycleElements.CLAIM);
        if (claim == null || !GROUP_PLACEHOLDER.equals(claim.getCamundaCandidateGroups())) {
            throw new IllegalStateException(TEMPLATE + ": claim must name " + GROUP_PLACEHOLDER + " as candidate group");
        }
        String suffix = key.replace('-', '_');
        // the model API moves every reference to a renamed id (the diagram plane follows the process)
        process.setId(key);
        process.setName(name);
        claim.setCamundaCandidateGroups(group);
        Definitions definitions = model.getDefinitions();
        definitions.setId("Definitions_" + suffix);
        for (BpmnDiagram diagram : model.getModelElementsByType(BpmnDiagram.class)) {
            diagram.setId("BPMNDiagram_" + suffix);
        }
        for (BpmnPlane plane : model.getModelElementsByType(BpmnPlane.class)) {
            plane.setId("BPMNPlane_" + suffix);
        }
        Bpmn.validateModel(model);
        return model;
    }
}
