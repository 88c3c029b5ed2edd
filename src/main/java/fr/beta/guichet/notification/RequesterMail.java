package fr.beta.guichet.notification;

import java.util.Locale;

import org.camunda.bpm.engine.IdentityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Tells the requester by email that a request is done or rejected — only when an SMTP server is configured
 * ({@code spring.mail.host}); « Mes demandes » shows the same in any case. French text from the message bundle,
 * never a secret (a mailbox password is only ever shown once in « Mes demandes »).
 */
@Component
public class RequesterMail {

    private static final Logger log = LoggerFactory.getLogger(RequesterMail.class);

    private final ObjectProvider<JavaMailSender> mailSender;
    private final IdentityService identityService;
    private final MessageSource messages;
    private final String from;

    RequesterMail(ObjectProvider<JavaMailSender> mailSender, IdentityService identityService, MessageSource messages,
            @Value("${guichet.mail.from:guichet-ops@beta.gouv.fr}") String from) {
        this.mailSender = mailSender;
        this.identityService = identityService;
        this.messages = messages;
        this.from = from;
    }

    /**
     * @param outcome {@code done}, {@code doneWithNote} or {@code rejected}: picks {@code mail.<outcome>.subject} and
     *                {@code .body}
     * @param args    {0} reference, {1} description, {2} result or reason, {3} the executor's note
     *                ({@code doneWithNote})
     * @return whether a message was handed to the SMTP server
     */
    public boolean send(String requesterId, String outcome, Object... args) {
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null || requesterId == null) {
            return false;
        }
        var user = identityService.createUserQuery().userId(requesterId).singleResult();
        if (user == null || user.getEmail() == null || user.getEmail().isBlank()) {
            log.info("No email address for {}: notified in « Mes demandes » only", requesterId);
            return false;
        }
        var message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(user.getEmail());
        message.setSubject(messages.getMessage("mail." + outcome + ".subject", args, Locale.FRENCH));
        message.setText(messages.getMessage("mail." + outcome + ".body", args, Locale.FRENCH));
        sender.send(message);
        return true;
    }
}
