package nonblocking.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Only a baseline inside the git checkout the command ran in is to be committed. */
class CheckoutTest {

    @TempDir
    Path dir;

    @Test
    void aFileBelowTheFolderThatHoldsGitIsInTheCheckout() throws IOException {
        Path repo = Files.createDirectories(dir.resolve("repo/.git")).getParent();
        Path simulations = Files.createDirectories(repo.resolve("simulations"));

        assertThat(Checkout.holds(simulations, repo.resolve("simulations/gate/baseline.json"))).isTrue();
        assertThat(Checkout.holds(repo, Path.of("/tmp/baseline.json"))).isFalse();
        assertThat(Checkout.holds(simulations, dir.resolve("elsewhere/baseline.json"))).isFalse();
    }

    @Test
    void aWorktreesGitFileCountsAsACheckout() throws IOException {
        Path worktree = Files.createDirectories(dir.resolve("wt"));
        Files.writeString(worktree.resolve(".git"), "gitdir: /somewhere/.git/worktrees/wt\n");

        assertThat(Checkout.holds(worktree, worktree.resolve("baseline.json"))).isTrue();
    }

    @Test
    void outsideAnyCheckoutNothingIsToBeCommitted() {
        assertThat(Checkout.holds(dir, dir.resolve("baseline.json"))).isFalse();
    }

    @Test
    void aPathWithDotsIsComparedAsItResolves() throws IOException {
        Path repo = Files.createDirectories(dir.resolve("repo/.git")).getParent();

        assertThat(Checkout.holds(repo, repo.resolve("simulations/../../outside/baseline.json"))).isFalse();
    }
}
