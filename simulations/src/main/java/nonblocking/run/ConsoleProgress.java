package nonblocking.run;

import nonblocking.report.Format;
import nonblocking.results.Load;
import nonblocking.results.TargetResult;
import nonblocking.targets.Progress;

import java.util.List;
import java.util.function.Consumer;

/** A target run's progress as console lines, e.g. {@code [virtual] level 5/8: 400 users, …: holds}. */
public record ConsoleProgress(Load load, Consumer<String> out) implements Progress {

    @Override
    public void note(String target, String text) {
        out.accept("[" + target + "] " + text);
    }

    @Override
    public void measured(Measured m) {
        out.accept(Format.progressLine(m.target(), m.index(), m.maxLevels(), m.level(), load,
                Format.verdict(m.level(), m.slo(), m.verdict(), m.stillOut())));
    }

    @Override
    public void stoppedEarly(String target, int brokenInARow, List<Integer> skipped) {
        note(target, "early stop: the last " + brokenInARow + " levels did not hold (they broke, or the harness was the"
                + " limit); skipped " + skipped);
    }

    @Override
    public void searched(String target, int levels, TargetResult result) {
        note(target, "capacity search done after " + levels + " levels: " + Format.capacity(result, load));
    }
}
