package nonblocking.gate;

import nonblocking.results.LevelResult;
import nonblocking.results.Results;
import nonblocking.results.TargetResult;

import java.util.List;
import java.util.Locale;

/**
 * One of the baseline's level rules (p99, p50 or throughput) for one target: at every level the baseline sustained
 * and the run measured (whether or not the run sustained it), the run's value within that level's
 * {@link LevelLimit} of the baseline's value there. The verdict shows the worst level: the one that went furthest
 * past its limit, or came nearest to it.
 */
final class LevelRule {

    private LevelRule() {
    }

    static Verdict judge(LevelMetric kind, Results run, String target, Baseline baseline, Comparability.Check check,
                         double fixed, double multiple) {
        String metric = target + "." + kind.name();
        if (check.problem() != null) {
            return Verdict.error(kind.rule(), metric, check.problem());
        }
        TargetResult now = run.targets().get(target);
        List<LevelResult> held = baseline.results().targets().get(target).sustainedLevels();
        if (held.isEmpty()) {
            return Verdict.error(kind.rule(), metric, "the baseline's " + target + " sustained no level: nothing to compare");
        }
        List<LevelResult> measured = held.stream().filter(level -> now.level(level.users()) != null).toList();
        // A level where the harness was the limit measured the harness as much as the target: not compared.
        List<LevelResult> common = measured.stream().filter(level -> !now.level(level.users()).harnessBound()).toList();
        if (common.isEmpty()) {
            return Verdict.error(kind.rule(), metric, measured.isEmpty()
                    ? "the run measured none of the levels the baseline's " + target + " sustained (" + range(held, run) + ")"
                    : "inconclusive: the harness was the limit at every level the baseline's " + target + " sustained");
        }
        List<Integer> harnessBound = measured.stream().filter(level -> !common.contains(level)).map(LevelResult::users).toList();
        LevelResult worst = null;
        LevelLimit worstLimit = null;
        double worstChange = 0;
        double worstMargin = Double.NEGATIVE_INFINITY;
        boolean pass = true;
        for (LevelResult was : common) {
            LevelResult is = now.level(was.users());
            if (kind.needsOk() && is.ok() == 0) {
                return Verdict.error(kind.rule(), metric, target + " has no OK response at " + was.users() + " "
                        + run.load().unit() + ", which the baseline sustained");
            }
            LevelLimit limit = new LevelLimit(fixed, multiple,
                    baseline.noise() == null ? null : baseline.noise().spread(target, was.users(), kind.name()));
            double value = kind.of(is);
            double reference = kind.of(was);
            pass &= kind.increase() ? value <= reference * (1 + limit.fraction()) + Gate.EPSILON
                    : value >= reference * (1 - limit.fraction()) - Gate.EPSILON;
            double change = reference != 0 ? value / reference - 1
                    : value == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, value);
            double margin = (kind.increase() ? change : -change) - limit.fraction();
            if (worst == null || margin >= worstMargin) {   // on a tie, the higher level
                worst = was;
                worstLimit = limit;
                worstChange = change;
                worstMargin = margin;
            }
        }
        double reference = kind.of(worst);
        String bound = kind.increase()
                ? "<= " + kind.figure().text(reference * (1 + worstLimit.fraction())) + " (" + worstLimit.text("+") + ")"
                : ">= " + kind.figure().text(Math.max(0, reference * (1 - worstLimit.fraction()))) + " (" + worstLimit.text("-") + ")";
        String note = "worst of " + range(common, run) + ", at " + worst.users() + ": " + percent(worstChange)
                + (harnessBound.isEmpty() ? "" : "; not compared, the harness was the limit: " + harnessBound)
                + (baseline.noise() == null && multiple > 0 ? "; fixed limit: the baseline is one run, without noise figures" : "")
                + (check.allowed() == null ? "" : "; " + check.allowed());
        return new Verdict(kind.rule(), metric, kind.of(now.level(worst.users())), bound, reference, pass, note, kind.figure());
    }

    /** "25-3200 users", or "200 users" for one level ("rps" in the open model). */
    private static String range(List<LevelResult> levels, Results run) {
        int low = levels.getFirst().users();
        int high = levels.getLast().users();
        return (low == high ? String.valueOf(low) : low + "-" + high) + " " + run.load().unit();
    }

    /** A relative change: "+1.2 %", "-9.0 %". */
    private static String percent(double change) {
        return Double.isInfinite(change) ? "from 0" : String.format(Locale.ROOT, "%+.1f %%", change * 100);
    }
}
