package fr.beta.guichet.signin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

import fr.beta.guichet.access.AccessGroups;

/**
 * People exist from their first login: the verified email finds their Camunda user, or one is created — a readable,
 * stable id from the email's local part ({@code prenom.nom}), suffixed with a hash of the whole email when another
 * email already holds that id ({@code prenom.nom-1a2b3c4d}) — with their names and email and no password. Later
 * logins update names and email. Groups stay managed in Guichet Ops; the platform admins named in the environment
 * join Camunda's admin group, and an email domain may give a default group at the first login.
 */
@Component
class PeopleAccounts {

    static final String SUBJECT_KEY = "guichet.signin.subject";
    static final String IDP_KEY = "guichet.signin.idp";
    /** Camunda's {@code ACT_ID_USER.ID_} is 64 characters; leave room for the suffix. */
    private static final int MAX_BASE = 40;
    private static final Logger log = LoggerFactory.getLogger(PeopleAccounts.class);

    private final IdentityService identityService;
    private final SignInProperties properties;
    private final MatrixIdentityLookup matrix;

    PeopleAccounts(IdentityService identityService, SignInProperties properties, MatrixIdentityLookup matrix) {
        this.identityService = identityService;
        this.properties = properties;
        this.matrix = matrix;
    }

    record Person(String email, String givenName, String familyName, String subject, String idpId, String siret) {
    }

    record SignedIn(String userId, List<SimpleGrantedAuthority> authorities, boolean created) {
    }

    SignedIn signIn(Person person) {
        String email = person.email().strip().toLowerCase(Locale.ROOT);
        User user = byEmail(email);
        boolean created = false;
        if (user == null) {
            try {
                user = create(email, person);
                created = true;
            } catch (ProcessEngineException e) {
                // two first logins of the same person at once: the other one created it
                user = byEmail(email);
                if (user == null) {
                    throw e;
                }
            }
        } else if (!Objects.equals(user.getFirstName(), person.givenName())
                || !Objects.equals(user.getLastName(), person.familyName()) || !email.equals(user.getEmail())) {
            user.setFirstName(person.givenName());
            user.setLastName(person.familyName());
            user.setEmail(email);
            identityService.saveUser(user);
        }
        String userId = user.getId();
        identityService.setUserInfo(userId, SUBJECT_KEY, person.subject());
        if (person.idpId() != null) {
            identityService.setUserInfo(userId, IDP_KEY, person.idpId());
        }
        if (properties.platformAdmins().contains(email)) {
            join(userId, AccessGroups.PLATFORM_ADMINS);
        }
        if (created) {
            properties.groupFor(email.substring(email.indexOf('@') + 1)).ifPresent(group -> join(userId, group));
            log.info("Account {} created at first sign-in", userId);
        }
        matrix.lookUpLater(userId, email);
        var authorities = identityService.createGroupQuery().groupMember(userId).list().stream()
                .map(g -> new SimpleGrantedAuthority("GROUP_" + g.getId())).toList();
        return new SignedIn(userId, authorities, created);
    }

    private User byEmail(String email) {
        List<User> users = identityService.createUserQuery().userEmail(email).list();
        // an account made by hand with the same email is that person's: the oldest id wins if several
        return users.stream().min(java.util.Comparator.comparing(User::getId)).orElse(null);
    }

    private User create(String email, Person person) {
        String base = baseId(email);
        String id = base;
        if (identityService.createUserQuery().userId(id).count() > 0) {
            id = base + "-" + hash(email);
        }
        User user = identityService.newUser(id);
        user.setFirstName(person.givenName());
        user.setLastName(person.familyName());
        user.setEmail(email);
        identityService.saveUser(user);
        return user;
    }

    /** {@code Prénom.Nom+x@domaine.fr} → {@code prenom.nom-x}: letters, digits, {@code . _ -}, a letter or digit first. */
    static String baseId(String email) {
        String local = email.substring(0, email.indexOf('@'));
        String ascii = Normalizer.normalize(local, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        String id = ascii.replaceAll("[^a-z0-9._-]", "-").replaceAll("^[^a-z0-9]+", "");
        if (id.length() > MAX_BASE) {
            id = id.substring(0, MAX_BASE);
        }
        return id.isEmpty() ? "u" + hash(email) : id;
    }

    static String hash(String email) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(email.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void join(String userId, String groupId) {
        if (identityService.createGroupQuery().groupId(groupId).count() == 0) {
            log.warn("Group {} does not exist: {} not added", groupId, userId);
            return;
        }
        if (identityService.createGroupQuery().groupId(groupId).groupMember(userId).count() == 0) {
            identityService.createMembership(userId, groupId);
        }
    }
}
