package fr.beta.guichet.calendar;

import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.MapBusinessCalendarManager;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Registers the SLA calendar as the engine's business calendars for timer durations and cycles. A timer expression
 * whose value is an SLA delay ({@code sla:P1D}, or the cycle {@code R/sla:P1D}) is resolved by {@link SlaCalendar}
 * from the engine clock ({@code ClockUtil}); any other value goes to Camunda's own calendars unchanged, so the
 * mailbox's provider polling ({@code PT1M}) and every other timer stay continuous.
 * <p>
 * A repeating cycle is stored by the engine as {@code R/<start>/sla:P1D}: each repetition is the first multiple of
 * the delay, counted in working time from the start, that lies after now (what Camunda does for plain cycles).
 */
@Component
public class SlaCalendarPlugin extends AbstractProcessEnginePlugin {

    private final SlaCalendar calendar;

    SlaCalendarPlugin(SlaCalendar calendar) {
        this.calendar = calendar;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        MapBusinessCalendarManager calendars = new MapBusinessCalendarManager();
        calendars.addBusinessCalendar(DurationBusinessCalendar.NAME, new SlaDurationCalendar(calendar));
        calendars.addBusinessCalendar(DueDateBusinessCalendar.NAME, new DueDateBusinessCalendar());
        calendars.addBusinessCalendar(CycleBusinessCalendar.NAME, new SlaCycleCalendar(calendar));
        configuration.setBusinessCalendarManager(calendars);
    }

    static Date now() {
        return ClockUtil.getCurrentTime();
    }

    /** {@code sla:P1D}: start (or now) plus the delay in the SLA calendar. */
    static class SlaDurationCalendar extends DurationBusinessCalendar {

        private final SlaCalendar calendar;
        /** Camunda's own calendar for every other timer (delegated to, not called as super: it calls back). */
        private final DurationBusinessCalendar stock = new DurationBusinessCalendar();

        SlaDurationCalendar(SlaCalendar calendar) {
            this.calendar = calendar;
        }

        @Override
        public Date resolveDuedate(String duedate) {
            return resolveDuedate(duedate, (Date) null);
        }

        @Override
        public Date resolveDuedate(String duedate, Task task) {
            return resolveDuedate(duedate, (Date) null);
        }

        @Override
        public Date resolveDuedate(String duedate, Date startDate) {
            if (!SlaDelay.isSla(duedate)) {
                return startDate == null ? stock.resolveDuedate(duedate) : stock.resolveDuedate(duedate, startDate);
            }
            Date start = startDate == null ? now() : startDate;
            return Date.from(calendar.add(start.toInstant(), SlaDelay.parse(duedate)));
        }
    }

    /** {@code R/sla:P1D} (first due date) and {@code Rn/<start>/sla:P1D} (the next repetitions). */
    static class SlaCycleCalendar extends CycleBusinessCalendar {

        private static final Pattern SLA_CYCLE = Pattern.compile("R(\\d*)/(?:([^/]+)/)?(sla:[^/]+)");
        /** What {@code TimerDeclarationImpl.prepareRepeat} writes as the cycle's start. */
        private static final String START_FORMAT = "yyyy-MM-dd'T'HH:mm:ss";
        private static final int MAX_REPETITIONS = 100_000;

        private final SlaCalendar calendar;
        private final CycleBusinessCalendar stock = new CycleBusinessCalendar();

        SlaCycleCalendar(SlaCalendar calendar) {
            this.calendar = calendar;
        }

        @Override
        public Date resolveDuedate(String duedate) {
            return resolveDuedate(duedate, null, 0L);
        }

        @Override
        public Date resolveDuedate(String duedate, Task task) {
            return resolveDuedate(duedate, null, 0L);
        }

        @Override
        public Date resolveDuedate(String duedate, Date startDate) {
            return resolveDuedate(duedate, startDate, 0L);
        }

        @Override
        public Date resolveDuedate(String duedate, Date startDate, long repeatOffset) {
            Matcher cycle = duedate == null ? null : SLA_CYCLE.matcher(duedate);
            if (cycle == null || !cycle.matches()) {
                return stock.resolveDuedate(duedate, startDate, repeatOffset);
            }
            SlaDelay delay = SlaDelay.parse(cycle.group(3));
            int times = cycle.group(1).isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(cycle.group(1));
            Date now = now();
            if (cycle.group(2) == null) {
                Date start = startDate == null ? now : startDate;
                return times == 0 ? null : Date.from(calendar.add(start.toInstant(), delay));
            }
            Date next = start(cycle.group(2));
            for (int i = 1; i <= Math.min(times, MAX_REPETITIONS); i++) {
                next = Date.from(calendar.add(next.toInstant(), delay));
                if (next.after(now)) {
                    return next;
                }
            }
            return null;
        }

        private static Date start(String text) {
            try {
                return new SimpleDateFormat(START_FORMAT).parse(text);
            } catch (ParseException e) {
                throw new ProcessEngineException("Unreadable start of the SLA cycle: " + text, e);
            }
        }
    }
}
