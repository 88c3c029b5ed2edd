package fr.beta.guichet.request.start;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import fr.beta.guichet.request.read.RequestReadModel;
import fr.beta.guichet.request.read.RequestStatus;
import fr.beta.guichet.request.read.RequestView;
import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.request.tasks.RequestDialogue;
import fr.beta.guichet.request.variables.RequestVariables;

/**
 * What the reply form of a start form needs ({@link RequestFormController}): the requester's own request of that type
 * (404 for anyone else's, as on « Mes demandes »), its current record, and the answer with the corrected record.
 */
@Component
class RequestCorrection {

    private final RequestReadModel readModel;
    private final RequestDialogue dialogue;
    private final RuntimeService runtimeService;

    RequestCorrection(RequestReadModel readModel, RequestDialogue dialogue, RuntimeService runtimeService) {
        this.readModel = readModel;
        this.dialogue = dialogue;
        this.runtimeService = runtimeService;
    }

    /** The requester's request with this reference and type; 404 otherwise. */
    public RequestView own(String requester, String reference, RequestType<?> type) {
        return readModel.requestOf(requester, reference)
                .filter(request -> request.processKey().equals(type.processKey()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    public boolean waitsForAnswer(RequestView request) {
        return request.status() == RequestStatus.QUESTION;
    }

    public RequestDialogue.Dialogue dialogue(RequestView request) {
        return dialogue.of(request.processInstanceId());
    }

    /** The request's data as it stands (the requester corrects from there). */
    public <R extends Record> R current(RequestView request, RequestType<R> type) {
        return RequestVariables.REQUEST.as(type.requestClass()).get(runtimeService, request.processInstanceId());
    }

    /** The answer; the record counts as a correction only when it differs from the current one. */
    public <R extends Record> void answer(RequestView request, String requester, String answer, RequestType<R> type,
            R corrected) {
        if (corrected.equals(current(request, type))) {
            dialogue.answer(request.processInstanceId(), requester, answer);
        } else {
            dialogue.answer(request.processInstanceId(), requester, answer, type, corrected);
        }
    }
}
