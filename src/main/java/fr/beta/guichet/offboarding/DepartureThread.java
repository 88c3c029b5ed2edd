package fr.beta.guichet.offboarding;

import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import fr.beta.guichet.grants.AccessGrant;
import fr.beta.guichet.grants.AccessGrants;
import fr.beta.guichet.request.chat.RequestThread;
import fr.beta.guichet.notification.RequesterMail;
import fr.beta.guichet.calendar.Formats;

/** The departure's texts: the chat thread (mentions) and the emails to the person and to whoever declared it. */
@Component
class DepartureThread {

    final RequestThread thread;
    private final RequesterMail mail;
    private final Departures departures;
    private final AccessGrants grants;
    private final Formats formats;

    DepartureThread(RequestThread thread, RequesterMail mail, Departures departures, AccessGrants grants, Formats formats) {
        this.thread = thread;
        this.mail = mail;
        this.departures = departures;
        this.grants = grants;
        this.formats = formats;
    }

    /** {@code @alice} when the person is a user of the app, else their email. */
    String who(DelegateExecution execution) {
        String user = OffboardingProcess.PERSON_USER.get(execution);
        return user != null ? "@" + user : OffboardingProcess.PERSON.get(execution);
    }

    String date(DelegateExecution execution) {
        return departures.byReference(execution.getProcessBusinessKey())
                .map(d -> formats.dateTime(d.departureAt())).orElse("");
    }

    /** One line per access of the departure: what it is and what happens or happened to it. */
    String summary(String reference) {
        List<DepartureItem> items = departures.items(reference);
        return items.stream().map(item -> {
            String resource = grants.byId(item.grantId()).map(AccessGrant::resource).orElse(item.grantId());
            return "- " + resource + " : " + thread.text("offboarding.outcome." + state(item),
                    item.keepDays() == null ? "" : item.keepDays(), item.handledBy() == null ? "" : item.handledBy());
        }).collect(Collectors.joining("\n"));
    }

    private static String state(DepartureItem item) {
        if (item.outcome() != null) {
            return item.outcome().name();
        }
        return item.decision().name();
    }

    /** Emails the person (when a user of the app) and whoever declared the departure. */
    void mailBoth(DelegateExecution execution, String outcome, Object... args) {
        String person = OffboardingProcess.PERSON_USER.get(execution);
        String starter = OffboardingProcess.STARTED_BY.get(execution);
        if (person != null) {
            mail.send(person, outcome, args);
        }
        if (starter != null && !starter.equals(person)) {
            mail.send(starter, outcome, args);
        }
    }
}
