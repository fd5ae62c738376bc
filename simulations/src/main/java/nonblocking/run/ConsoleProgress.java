package nonblocking.run;

import nonblocking.report.Format;
import nonblocking.results.Load;
import nonblocking.results.Numbers;
import nonblocking.results.Slo;
import nonblocking.results.TargetResult;
import nonblocking.targets.Progress;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** A target run's progress as console lines, e.g. {@code [virtual] level 5/8: 400 users, …: holds}. */
public record ConsoleProgress(Load load, Consumer<String> out) implements Progress {

    @Override
    public void note(String target, String text) {
        out.accept("[" + target + "] " + text);
    }

    @Override
    public void measured(Measured m) {
        Set<Slo.Limit> broken = m.broken();
        String verdict = m.stillOut() != null ? "breaks: " + m.stillOut() + " requests still out after the p99 limit ("
                + Numbers.plain(m.slo().p99Ms()) + " ms); figures so far"
                : broken.isEmpty() ? "holds"
                : "breaks: " + broken.stream().map(m.slo()::text).collect(Collectors.joining(", "));
        out.accept(Format.progressLine(m.target(), m.index(), m.maxLevels(), m.level(), load, verdict));
    }

    @Override
    public void stoppedEarly(String target, int brokenInARow, List<Integer> skipped) {
        note(target, "early stop: " + brokenInARow + " levels broke in a row; skipped " + skipped);
    }

    @Override
    public void searched(String target, int levels, TargetResult result) {
        note(target, "capacity search done after " + levels + " levels: " + Format.capacity(result, load));
    }
}
