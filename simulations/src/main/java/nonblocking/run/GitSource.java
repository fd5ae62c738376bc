package nonblocking.run;

import nonblocking.results.Provenance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The git commit and branch a run was built from, asked of git itself; nothing outside a git checkout. */
final class GitSource {

    private GitSource() {
    }

    /** Null outside a checkout, or without git. */
    static Provenance.Source of(Path dir) {
        String commit = git(dir, "rev-parse", "HEAD");
        if (commit == null || !commit.matches("[0-9a-f]{40}")) {
            return null;
        }
        String branch = git(dir, "rev-parse", "--abbrev-ref", "HEAD");
        String status = git(dir, "status", "--porcelain", "--untracked-files=no");
        return new Provenance.Source(commit, branch, status != null && !status.isEmpty());
    }

    /** One git command's output, trimmed; null when it fails or takes more than 5 s. */
    private static String git(Path dir, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        try {
            Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = git.getInputStream().readAllBytes();
            if (!git.waitFor(5, TimeUnit.SECONDS) || git.exitValue() != 0) {
                git.destroyForcibly();
                return null;
            }
            return new String(out, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
