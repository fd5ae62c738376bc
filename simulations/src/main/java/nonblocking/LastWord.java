package nonblocking;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The project's one-line error, said where the user will read it: on stderr now, and once more after Maven's own
 * failure trailer, which would otherwise bury it (./mvnw passes a file in {@value #FILE} and prints it last).
 */
public final class LastWord {

    /** The environment variable ./mvnw sets to the file it prints when Maven fails. */
    public static final String FILE = "NONBLOCKING_LAST_WORD";

    private LastWord() {
    }

    /** Prints the line on stderr, and keeps it for ./mvnw to print last. */
    public static void say(String line) {
        System.out.flush();
        System.err.println(line);
        System.err.flush();
        keep(line);
    }

    /** Keeps a line for ./mvnw to print last, when it is already printed where it belongs. */
    public static void keep(String line) {
        String file = System.getenv(FILE);
        if (file == null || file.isBlank()) {
            return;
        }
        try {
            Files.writeString(Path.of(file), line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            // Only a repeat is lost: the line was printed where it belongs.
        }
    }
}
