package org.govdx.benchmarks;

import org.govdx.rules.classification.AccessMode;
import org.govdx.rules.classification.SharingClass;
import org.govdx.rules.filter.Filter;
import org.govdx.rules.masking.Masker;
import org.govdx.rules.masking.MaskingRule;
import org.govdx.rules.policy.Caller;
import org.govdx.rules.policy.DataRequest;
import org.govdx.rules.policy.DatasetView;
import org.govdx.rules.policy.Decision;
import org.govdx.rules.policy.FieldView;
import org.govdx.rules.policy.Grant;
import org.govdx.rules.policy.GrantedField;
import org.govdx.rules.policy.PolicyDecisionPoint;
import org.govdx.rules.policy.Role;
import org.govdx.rules.policy.SortKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code policy-decision}: p99 of one {@link PolicyDecisionPoint#decide} (JMH, sample time, one fork with -Xmx256m),
 * for a realistic call: a RESTRICTED dataset of 20 fields (classes and default maskings mixed), an agreement granting
 * 10 of them (4 masked) with a row filter, and a VIEW request for 6 fields with a filter and a sort. The baseline in
 * the same run is the p99 of one keyed pseudonym ({@link Masker#pseudonym}, one HMAC-SHA256), the unit of work every
 * masked value pays, so the ratio reads "a decision costs 1/ratio pseudonyms". Target: p99 under 20 µs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PolicyDecisionBenchmark {

    static final Instant NOW = Instant.parse("2026-06-01T02:00:00Z");

    Caller caller;
    DatasetView dataset;
    Optional<Grant> grant;
    DataRequest request;
    Masker masker;

    @org.openjdk.jmh.annotations.Setup
    public void setUp() {
        List<FieldView> fields = new ArrayList<>();
        MaskingRule[] maskings = {MaskingRule.NONE, MaskingRule.REDACT, MaskingRule.PSEUDONYM, MaskingRule.parse("chinese_name"),
                MaskingRule.parse("generalize(date:year)"), MaskingRule.partial(1, 2)};
        for (int i = 0; i < 20; i++) {
            SharingClass c = i % 7 == 6 ? SharingClass.FORBIDDEN : i % 3 == 0 ? SharingClass.OPEN : SharingClass.RESTRICTED;
            fields.add(new FieldView("field_" + i, c, c == SharingClass.OPEN ? MaskingRule.NONE : maskings[1 + i % 5], i == 1));
        }
        dataset = new DatasetView("ds-1", 3, "civil-affairs", SharingClass.RESTRICTED, fields);
        Grant.Builder g = Grant.builder().id("agreement-1").consumerDepartment("hrss").providerDepartment("civil-affairs").dataset("ds-1", 3)
                .term(NOW.minusSeconds(86_400 * 30), NOW.plusSeconds(86_400 * 150)).mode(AccessMode.EXTRACT).purpose("SOCIAL_ASSISTANCE_ELIGIBILITY")
                .authorise("hrss-steward").authorise("hrss-system").rowFilter(Filter.parse("field_0 = '320505' and field_3 >= 2023"))
                .dailyRowQuota(100_000).pageSizeCap(500).caseReferenceRequired(true);
        for (int i = 0; i < 10; i++) {
            g.field(i % 3 == 0 ? GrantedField.clear("field_" + i) : i % 2 == 0 ? GrantedField.masked("field_" + i, MaskingRule.PSEUDONYM)
                    : GrantedField.withDefaultMasking("field_" + i));
        }
        grant = Optional.of(g.build());
        caller = Caller.systemOnBehalfOf("hrss", "hrss-system", Set.of(Role.STEWARD), "hrss-steward");
        request = DataRequest.builder(AccessMode.VIEW, NOW).purpose("SOCIAL_ASSISTANCE_ELIGIBILITY").caseReference("人社〔2026〕7号")
                .fields(List.of("field_0", "field_1", "field_2", "field_3", "field_4", "field_9")).filter(Filter.parse("field_1 = 'x' or field_9 >= 10"))
                .sort(SortKey.desc("field_3")).pageSize(100).build();
        masker = new Masker("agreement-pseudonym-key-32-bytes".getBytes(StandardCharsets.UTF_8));
        if (!(decide() instanceof Decision.Allow)) {
            throw new IllegalStateException("the benchmark's call must be allowed: " + decide());
        }
    }

    @Benchmark
    public Decision decide() {
        return PolicyDecisionPoint.decide(caller, dataset, grant, request);
    }

    @Benchmark
    public String pseudonym() {
        return masker.pseudonym("110101199003071234");
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int seconds = Integer.getInteger("seconds", 3);
        Options options = new OptionsBuilder().include(PolicyDecisionBenchmark.class.getName() + "\\.")
                .forks(1).jvmArgs("-Xmx256m").threads(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(5).measurementTime(TimeValue.seconds(seconds))
                .build();
        Collection<RunResult> results = new Runner(options).run();
        double decideP99 = 0;
        double decideP50 = 0;
        double pseudonymP99 = 0;
        double pseudonymP50 = 0;
        for (RunResult r : results) {
            var stats = r.getPrimaryResult().getStatistics();
            if (r.getParams().getBenchmark().endsWith(".decide")) {
                decideP99 = stats.getPercentile(99);
                decideP50 = stats.getPercentile(50);
            } else {
                pseudonymP99 = stats.getPercentile(99);
                pseudonymP50 = stats.getPercentile(50);
            }
        }
        System.out.printf("decide: p50 %.2f µs, p99 %.2f µs; pseudonym: p50 %.2f µs, p99 %.2f µs%n", decideP50, decideP99, pseudonymP50, pseudonymP99);
        String baseline = "one keyed pseudonym (HMAC-SHA256, Masker.pseudonym), same JMH run";
        Results.write(root, "policy-decision", "./benchmarks/run policy-decision", List.of(
                Result.lowerIsBetter("policy-decision", decideP99, "µs", baseline + ", p99", pseudonymP99),
                Result.lowerIsBetter("policy-decision-p50", decideP50, "µs", baseline + ", p50", pseudonymP50)));
    }
}
