package fr.beta.guichet.metrics;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.beta.guichet.request.engine.EscalationProperties;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The managers' « Métriques » page and its two CSV downloads, for a period chosen by dates and granularity.
 * Bad parameters answer 400 with a French message, never an error page.
 */
@Controller
class MetricsController {

    static final String VIEW = "metrics";
    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final MetricsQueries queries;
    private final Clock clock;
    private final ObjectMapper json;
    private final MessageSource messages;
    private final EscalationProperties escalation;

    MetricsController(MetricsQueries queries, Clock clock, ObjectMapper json, MessageSource messages,
            EscalationProperties escalation) {
        this.queries = queries;
        this.escalation = escalation;
        this.clock = clock;
        this.json = json;
        this.messages = messages;
    }

    @GetMapping("/metriques")
    String page(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String granularity, Model model, HttpServletResponse response)
            throws JsonProcessingException {
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("granularity", granularity == null ? Granularity.WEEK.parameter() : granularity);
        MetricsPeriod period;
        try {
            period = MetricsPeriod.parse(from, to, granularity, LocalDate.now(clock));
        } catch (MetricsPeriod.InvalidPeriodException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("errorKey", e.messageKey());
            return VIEW;
        }
        MetricsReport report = queries.report(period);
        model.addAttribute("keyFigures", queries.keyFigures(clock.instant(), escalation.reminderAfter()));
        model.addAttribute("reminderHours", escalation.reminderAfter().toHours());
        model.addAttribute("from", period.from());
        model.addAttribute("to", period.to());
        model.addAttribute("granularity", period.granularity().parameter());
        model.addAttribute("report", report);
        model.addAttribute("chartData", json.writeValueAsString(chartData(report, typeLabels(report))));
        return VIEW;
    }

    @GetMapping("/metriques/export.csv")
    ResponseEntity<String> csv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String granularity) {
        return download(from, to, granularity, "metriques", report -> MetricsCsv.figures(report, this::typeName));
    }

    @GetMapping("/metriques/prises-en-charge.csv")
    ResponseEntity<String> claimsCsv(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String granularity) {
        return download(from, to, granularity, "prises-en-charge", report -> MetricsCsv.claims(report, this::typeName));
    }

    private ResponseEntity<String> download(String from, String to, String granularity, String name,
            java.util.function.Function<MetricsReport, String> format) {
        MetricsPeriod period;
        try {
            period = MetricsPeriod.parse(from, to, granularity, LocalDate.now(clock));
        } catch (MetricsPeriod.InvalidPeriodException e) {
            return ResponseEntity.badRequest().contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                    .body(messages.getMessage(e.messageKey(), null, java.util.Locale.FRENCH));
        }
        String filename = name + "-" + period.from() + "-" + period.to() + ".csv";
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build()
                        .toString())
                .body(format.apply(queries.report(period)));
    }

    /** A request type's French name (« Sous-domaine »…), for the CSV as for the page. */
    private String typeName(String type) {
        return messages.getMessage("type." + type, null, type, java.util.Locale.FRENCH);
    }

    /** What metrics.js draws: per type, one value per bucket. */
    private Map<String, String> typeLabels(MetricsReport report) {
        Map<String, String> labels = new LinkedHashMap<>();
        report.activeTypes().forEach(t -> labels.put(t, messages.getMessage("type." + t, null, t, java.util.Locale.FRENCH)));
        return labels;
    }

    private static Map<String, Object> chartData(MetricsReport report, Map<String, String> typeLabels) {
        Map<String, List<Long>> created = new LinkedHashMap<>();
        Map<String, List<Double>> claimMedian = new LinkedHashMap<>();
        Map<String, List<Double>> doneMedian = new LinkedHashMap<>();
        for (String type : report.activeTypes()) {
            created.put(type, report.buckets().stream()
                    .map(b -> report.row(type, b).map(RequestFigures::created).orElse(0L)).toList());
            claimMedian.put(type, report.buckets().stream()
                    .map(b -> report.row(type, b).map(r -> RequestFigures.hours(r.claimMedian())).orElse(null))
                    .toList());
            doneMedian.put(type, report.buckets().stream()
                    .map(b -> report.row(type, b).map(r -> RequestFigures.hours(r.doneMedian())).orElse(null))
                    .toList());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("types", typeLabels);
        data.put("buckets", report.buckets().stream().map(LocalDate::toString).toList());
        data.put("created", created);
        data.put("claimMedianHours", claimMedian);
        data.put("doneMedianHours", doneMedian);
        return data;
    }
}
