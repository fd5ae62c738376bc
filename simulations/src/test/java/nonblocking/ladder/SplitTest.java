package nonblocking.ladder;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** User u of every level runs on injector u mod N: for every level of every profile and every N up to 64. */
class SplitTest {

    @Test
    void everyLevelOfEveryProfileIsSharedExactlyAndEachShareGrowsWithTheLevel() {
        List<Integer> levels = new ArrayList<>();
        Profiles.names().stream().map(name -> Profiles.beneath(java.util.Map.of("profile", name)).get("levels"))
                .filter(raw -> !"auto".equals(raw)).forEach(raw -> levels.addAll(LadderConfig.levels(raw)));
        levels.addAll(List.of(1, 2, 3, 63, 64, 65, 10_000, 100_000));
        for (int n = 1; n <= LadderConfig.MAX_INJECTORS; n++) {
            for (int users : levels) {
                int sum = 0;
                TreeSet<Integer> seen = new TreeSet<>();
                for (int i = 0; i < n; i++) {
                    Split split = new Split(i, n);
                    int share = split.share(users);
                    sum += share;
                    assertThat(share).as("injector %d of %d at %d users", i, n, users)
                            .isBetween(users / n, users / n + 1);
                    for (int k = 0; k < share; k++) {
                        int u = split.user(k);
                        assertThat(u % n).isEqualTo(i);
                        assertThat(seen.add(u)).as("user %d twice", u).isTrue();
                    }
                    assertThat(split.share(users + 1)).isGreaterThanOrEqualTo(share);
                }
                assertThat(sum).as("%d users on %d injectors", users, n).isEqualTo(users);
                assertThat(seen).hasSize(users);
                assertThat(seen.first()).isZero();
                assertThat(seen.last()).isEqualTo(users - 1);
            }
        }
    }

    @Test
    void oneInjectorIsTheOrdinaryRun() {
        assertThat(Split.ALONE.share(3200)).isEqualTo(3200);
        assertThat(Split.ALONE.user(17)).isEqualTo(17);
        assertThat(Split.ALONE.count()).isOne();
    }

    @Test
    void anIndexOutsideTheInjectorsIsRefused() {
        assertThatThrownBy(() -> new Split(2, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Split(-1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Split(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
