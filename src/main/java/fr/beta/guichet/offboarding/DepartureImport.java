package fr.beta.guichet.offboarding;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import fr.beta.guichet.grants.AccessGrants;
import fr.beta.guichet.grants.EngineTime;
import fr.beta.guichet.grants.Viewer;
import fr.beta.guichet.request.tasks.TaskActionException;

/**
 * Departures from the incubator's member directory: a CSV of {@code email,end_date} (the end of missions; ISO or
 * {@code JJ/MM/AAAA} dates; {@code ,}, {@code ;} or tab between the two; a header line optional). Each line is first
 * shown as to plan, already planned, without access to take back, or invalid (with its reason); nothing is planned
 * until confirmed, and the confirmation reads the file again against the departures of that moment. The end date is
 * the departure's date (the form's « date de départ »); every access follows the schedule. A person and date are
 * planned once (table {@code guichet_offboarding_import}, and any departure already declared for them that day), so
 * rerunning a file plans nothing twice. Who may: the same people as those who declare a departure for someone
 * (admins, for the accesses of their groups, and managers).
 */
@Component
public class DepartureImport {

    /** A directory export of the whole incubator fits; more is a wrong file. */
    static final int MAX_LINES = 2000;

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s,;\"]{1,64}@[^@\\s,;\"]+\\.[^@\\s,;\"]{1,63}$");
    private static final Pattern SEPARATOR = Pattern.compile("[,;\\t]");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter FRENCH = DateTimeFormatter.ofPattern("dd/MM/uuuu").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter FRENCH_SHORT = DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT);

    private final Offboardings offboardings;
    private final Departures departures;
    private final Clock clock;
    private final TransactionTemplate transaction;

    DepartureImport(Offboardings offboardings, Departures departures, Clock clock, PlatformTransactionManager transactions) {
        this.offboardings = offboardings;
        this.departures = departures;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** What becomes of one line. */
    public enum Status {
        /** A departure will be planned (or was, after the confirmation). */
        PLAN,
        /** A departure of that person is already declared, that day or another one still open. */
        PLANNED,
        /** Valid, but the person has no access this viewer may put in a departure. */
        NOTHING,
        /** Not a valid line: see its reason. */
        INVALID
    }

    /**
     * One line of the file.
     *
     * @param number      its line number in the file (1 for the first)
     * @param text        the line as typed
     * @param reasonKey   why it is invalid, or what is already planned ({@code offboarding.import.reason.*})
     * @param reasonArg   the argument of that message (a line number, a date)
     * @param reference   the departure planned by this import, or the one already there
     * @param accesses    how many accesses the departure takes back (PLAN)
     */
    public record Line(int number, String text, String email, LocalDate date, Status status, String reasonKey,
            String reasonArg, String reference, int accesses) {

        Line with(Status status, String reasonKey, String reasonArg, String reference) {
            return new Line(number, text, email, date, status, reasonKey, reasonArg, reference, accesses);
        }
    }

    /** Every line of the file, in its order, and the four groups the page shows. */
    public record Preview(List<Line> lines) {
        public List<Line> toPlan() {
            return of(Status.PLAN);
        }

        public List<Line> alreadyPlanned() {
            return of(Status.PLANNED);
        }

        public List<Line> nothing() {
            return of(Status.NOTHING);
        }

        public List<Line> invalid() {
            return of(Status.INVALID);
        }

        private List<Line> of(Status status) {
            return lines.stream().filter(l -> l.status() == status).toList();
        }
    }

    /** Whether this viewer may import: whoever may declare someone else's departure. */
    public static boolean allowed(Viewer viewer) {
        return viewer.isManager() || viewer.isAdmin();
    }

    /**
     * What the file would do now; changes nothing.
     *
     * @throws TaskActionException {@code offboarding.import.error.*}: not allowed, empty or too long
     */
    public Preview preview(Viewer viewer, String csv) {
        if (!allowed(viewer)) {
            throw new TaskActionException("offboarding.import.error.forbidden");
        }
        List<Line> parsed = parse(csv);
        LocalDate today = LocalDate.ofInstant(EngineTime.now(), clock.getZone());
        Map<String, Line> seen = new HashMap<>();
        List<Line> lines = new ArrayList<>();
        for (Line line : parsed) {
            if (line.status() == Status.INVALID) {
                lines.add(line);
                continue;
            }
            if (!line.date().isAfter(today)) {
                lines.add(line.with(Status.INVALID, "offboarding.import.reason.past", null, null));
                continue;
            }
            Line earlier = seen.get(line.email());
            if (earlier != null) {
                lines.add(line.with(Status.INVALID, earlier.date().equals(line.date())
                        ? "offboarding.import.reason.duplicate" : "offboarding.import.reason.otherDate",
                        Integer.toString(earlier.number()), null));
                continue;
            }
            seen.put(line.email(), line);
            lines.add(classify(viewer, line));
        }
        return new Preview(lines);
    }

    /**
     * Plans the departures the file would plan now, each in its own transaction: one that fails (someone planned it
     * meanwhile) is shown as already planned and the others go on.
     */
    public Preview confirm(Viewer viewer, String csv) {
        Preview preview = preview(viewer, csv);
        List<Line> lines = new ArrayList<>();
        for (Line line : preview.lines()) {
            lines.add(line.status() == Status.PLAN ? plan(viewer, line) : line);
        }
        return new Preview(lines);
    }

    private Line plan(Viewer viewer, Line line) {
        try {
            String reference = transaction.execute(status -> {
                String started = offboardings.start(viewer, line.email(), line.date(), Map.of());
                departures.recordImport(line.email(), line.date(), started, viewer.userId(), EngineTime.now());
                return started;
            });
            return line.with(Status.PLAN, null, null, reference);
        } catch (DuplicateKeyException meanwhile) {
            return classify(viewer, line);
        } catch (TaskActionException refused) {
            return line.with(Status.INVALID, refused.messageKey(), null, null);
        }
    }

    private Line classify(Viewer viewer, Line line) {
        var departureAt = line.date().atStartOfDay(clock.getZone()).toInstant();
        Optional<String> imported = departures.importedReference(line.email(), line.date());
        if (imported.isPresent()) {
            return line.with(Status.PLANNED, "offboarding.import.reason.imported", null, imported.get());
        }
        Optional<Departure> sameDay = departures.byPersonAt(line.email(), departureAt);
        if (sameDay.isPresent()) {
            return line.with(Status.PLANNED, "offboarding.import.reason.state." + sameDay.get().state(), null,
                    sameDay.get().reference());
        }
        Optional<Departure> open = departures.openOf(line.email());
        if (open.isPresent()) {
            return line.with(Status.PLANNED, "offboarding.import.reason.openOtherDay",
                    LocalDate.ofInstant(open.get().departureAt(), clock.getZone()).format(FRENCH), open.get().reference());
        }
        int accesses = offboardings.offerable(viewer, line.email()).size();
        if (accesses == 0) {
            return line.with(Status.NOTHING, "offboarding.import.reason.nothing", null, null);
        }
        return new Line(line.number(), line.text(), line.email(), line.date(), Status.PLAN, null, null, null, accesses);
    }

    /** The file's lines, each valid (email and date read) or invalid with its reason; the header and blanks left out. */
    static List<Line> parse(String csv) {
        if (csv == null || csv.isBlank()) {
            throw new TaskActionException("offboarding.import.error.empty");
        }
        String[] rows = csv.replace("\uFEFF", "").split("\\R", -1);
        List<Line> lines = new ArrayList<>();
        boolean first = true;
        for (int i = 0; i < rows.length; i++) {
            String text = rows[i].strip();
            if (text.isEmpty()) {
                continue;
            }
            String[] cells = SEPARATOR.split(text, -1);
            if (first && isHeader(cells)) {
                first = false;
                continue;
            }
            first = false;
            if (lines.size() >= MAX_LINES) {
                throw new TaskActionException("offboarding.import.error.tooLong");
            }
            lines.add(line(i + 1, text, cells));
        }
        if (lines.isEmpty()) {
            throw new TaskActionException("offboarding.import.error.empty");
        }
        return lines;
    }

    private static boolean isHeader(String[] cells) {
        String head = cell(cells, 0).toLowerCase(Locale.ROOT);
        return !head.contains("@") && (head.contains("mail") || head.contains("courriel"));
    }

    private static Line line(int number, String text, String[] cells) {
        String email = cell(cells, 0).toLowerCase(Locale.ROOT);
        String date = cell(cells, 1);
        if (cells.length < 2 || email.isEmpty() || date.isEmpty()) {
            return invalid(number, text, email, "offboarding.import.reason.columns");
        }
        if (cells.length > 2 && !String.join("", java.util.Arrays.copyOfRange(cells, 2, cells.length)).isBlank()) {
            return invalid(number, text, email, "offboarding.import.reason.columns");
        }
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            return invalid(number, text, email, "offboarding.import.reason.email");
        }
        Optional<LocalDate> parsed = date(date);
        if (parsed.isEmpty()) {
            return invalid(number, text, email, "offboarding.import.reason.date");
        }
        return new Line(number, text, AccessGrants.normalize(email), parsed.get(), Status.PLAN, null, null, null, 0);
    }

    private static Line invalid(int number, String text, String email, String reasonKey) {
        return new Line(number, text, email, null, Status.INVALID, reasonKey, null, null, 0);
    }

    static Optional<LocalDate> date(String value) {
        for (DateTimeFormatter format : List.of(ISO, FRENCH, FRENCH_SHORT)) {
            try {
                return Optional.of(LocalDate.parse(value, format));
            } catch (DateTimeParseException e) {
                // next format
            }
        }
        return Optional.empty();
    }

    private static String cell(String[] cells, int index) {
        if (index >= cells.length) {
            return "";
        }
        String value = cells[index].strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1).strip();
        }
        return value;
    }
}
