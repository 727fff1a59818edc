package io.polder.web.pages;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.auth.Action;
import io.polder.registry.auth.Authorizer;
import io.polder.registry.governance.ComplianceReport;
import io.polder.registry.governance.ComplianceReport.ComplianceFailure;
import io.polder.registry.governance.ComplianceService;
import io.polder.registry.governance.PolicyPreview;
import io.polder.registry.governance.PolicyService;
import io.polder.registry.governance.PreviewRequest;
import io.polder.web.session.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Governance: compliance per domain and per policy (the registry's {@link ComplianceService}, evaluated now,
 * with its recorded history), and the policy preview (the {@link PolicyService}'s, changing nothing). The
 * services check the roles, as they do for the API: compliance is read by every role, a preview needs
 * platform-admin, governance or domain-owner.
 */
public final class GovernancePages {
    /** The failures listed on the page; the API and {@code polder compliance} give them all. */
    static final int FAILURES_SHOWN = 100;
    /** Previews are one policy file; the API takes the same. */
    static final int MAX_PREVIEW_CHARACTERS = 64 * 1024;
    static final List<String> TARGETS = List.of("product", "output-port", "contract", "schema-object", "property");

    private final ComplianceService compliance;
    private final PolicyService policies;
    private final Authorizer authorizer;
    private final Pages pages;

    public GovernancePages(ComplianceService compliance, PolicyService policies, Authorizer authorizer, Pages pages) {
        this.compliance = requireNonNull(compliance, "compliance is null");
        this.policies = requireNonNull(policies, "policies is null");
        this.authorizer = requireNonNull(authorizer, "authorizer is null");
        this.pages = requireNonNull(pages, "pages is null");
    }

    public void compliance(Context ctx, Session session) {
        String domain = blankToNull(ctx.queryParam("domain"));
        ComplianceReport report = compliance.report(session.principal(), domain);
        List<ComplianceFailure> failures = report.failures().stream().limit(FAILURES_SHOWN).toList();
        List<Long> times = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        report.history().forEach(snapshot -> {
            times.add(snapshot.takenAt().getEpochSecond());
            rates.add(100 * snapshot.counts().passRate());
        });
        Chart trend = new Chart("policy results passed", "%", times, rates, null, null);
        pages.render(ctx, 200, "compliance.jte", new ComplianceView(
                Pages.chrome(domain == null ? "Compliance" : "Compliance: " + domain, session, "governance"), report,
                failures, trend, canPreview(session)));
    }

    public void previewForm(Context ctx, Session session) {
        authorizer.require(session.principal(), Action.PREVIEW_POLICIES, "policies/preview");
        showPreview(ctx, session, 200, PreviewForm.empty(), null, List.of());
    }

    public void preview(Context ctx, Session session) {
        PreviewForm form = new PreviewForm(orEmpty(ctx.formParam("text")), orEmpty(ctx.formParam("target")),
                orEmpty(ctx.formParam("path")));
        if (form.text().isBlank()) {
            showPreview(ctx, session, 400, form, null, List.of("Write a policy (YAML) or a CEL rule to preview."));
            return;
        }
        if (form.text().length() > MAX_PREVIEW_CHARACTERS) {
            showPreview(ctx, session, 400, form, null, List.of("A preview is one policy file of at most "
                    + MAX_PREVIEW_CHARACTERS / 1024 + " KiB."));
            return;
        }
        Pages.sendForm(Set.of(ErrorCode.INVALID_DOCUMENT, ErrorCode.INVALID_ARGUMENT), () -> {
            PolicyPreview preview = policies.preview(session.principal(), form.request());
            showPreview(ctx, session, 200, form, preview, List.of());
        }, refusal -> showPreview(ctx, session, refusal.code().httpStatus(), form, null, problems(refusal)));
    }

    private void showPreview(Context ctx, Session session, int status, PreviewForm form, PolicyPreview preview,
                             List<String> problems) {
        pages.render(ctx, status, "preview.jte", new PreviewView(Pages.chrome("Policy preview", session, "governance"),
                form, TARGETS, preview, problems));
    }

    /** The problems of a refused candidate, each as {@code FILE:LINE:COLUMN: message}. */
    private static List<String> problems(PolderException refusal) {
        if (!(refusal.details().get("problems") instanceof List<?> problems) || problems.isEmpty()) {
            return List.of(refusal.getMessage());
        }
        List<String> lines = new ArrayList<>();
        for (Object problem : problems) {
            if (problem instanceof Map<?, ?> fields) {
                lines.add(fields.get("file") + ":" + fields.get("line") + ":" + fields.get("column") + ": "
                        + fields.get("severity") + ": " + fields.get("message"));
            }
        }
        return lines;
    }

    private static boolean canPreview(Session session) {
        return Authorizer.allows(session.principal(), Action.PREVIEW_POLICIES, null);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    public record ComplianceView(Chrome chrome, ComplianceReport report, List<ComplianceFailure> failures, Chart trend,
                                 boolean canPreview) {
        public static String rate(double share) {
            return Format.percent(share);
        }
    }

    /**
     * What the preview form holds.
     *
     * @param text a policy file (YAML, {@code kind: Policy}) or a bare CEL rule
     * @param target for a bare rule, what it applies to
     * @param path for a policy file, where it would lie in the mesh ({@code policies/...} or {@code DOMAIN/policies/...})
     */
    public record PreviewForm(String text, String target, String path) {
        static PreviewForm empty() {
            return new PreviewForm("", "product", "");
        }

        /** Whether the text is a policy file rather than a bare CEL rule. */
        public boolean isPolicyFile() {
            return text.lines().anyMatch(line -> line.strip().toLowerCase(Locale.ROOT).matches("kind:\\s*\"?policy\"?"));
        }

        PreviewRequest request() {
            if (isPolicyFile()) {
                return new PreviewRequest(path.isBlank() ? null : path.strip(), text);
            }
            String target = TARGETS.contains(this.target) ? this.target : "product";
            StringBuilder yaml = new StringBuilder("""
                    apiVersion: polder/v1
                    kind: Policy
                    id: previewed-rule
                    version: 0.0.1
                    description: A rule written in the web UI's preview form.
                    """);
            yaml.append("target: ").append(target).append("\nseverity: error\nrule: |-\n");
            text.strip().lines().forEach(line -> yaml.append("  ").append(line).append('\n'));
            yaml.append("message: fails the previewed rule\n");
            return new PreviewRequest("policies/previewed-rule.yaml", yaml.toString());
        }
    }

    public record PreviewView(Chrome chrome, PreviewForm form, List<String> targets, PolicyPreview preview,
                              List<String> problems) {
    }
}
