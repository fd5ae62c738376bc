package nonblocking.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The git checkout a command runs in: the nearest folder at or above the working folder that holds {@code .git} (a
 * folder, or a file in a worktree). Only a file inside it can be committed.
 */
final class Checkout {

    private Checkout() {
    }

    /** True when {@code file} lies inside the checkout that holds {@code workingDir}; false outside any. */
    static boolean holds(Path workingDir, Path file) {
        Path root = root(real(workingDir));
        return root != null && real(file).startsWith(root);
    }

    private static Path root(Path dir) {
        for (Path at = dir; at != null; at = at.getParent()) {
            if (Files.exists(at.resolve(".git"))) {
                return at;
            }
        }
        return null;
    }

    /** The path with its links resolved as far as it exists (/tmp may be a link), so that two spellings compare. */
    private static Path real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        for (Path existing = absolute; existing != null; existing = existing.getParent()) {
            if (Files.exists(existing)) {
                try {
                    return existing.toRealPath().resolve(existing.relativize(absolute));
                } catch (IOException e) {
                    return absolute;
                }
            }
        }
        return absolute;
    }
}
