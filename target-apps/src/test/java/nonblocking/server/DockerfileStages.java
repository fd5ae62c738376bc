package nonblocking.server;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile read statically, stage by stage (there is no Docker engine on the machines this project is built
 * on): comments and blank lines dropped, continuation lines joined, one instruction per line.
 */
public record DockerfileStages(List<Stage> stages) {

    private static final Pattern FROM = Pattern.compile("FROM\\s+(?:--platform=\\S+\\s+)?(\\S+)(?:\\s+AS\\s+(\\S+))?",
            Pattern.CASE_INSENSITIVE);

    /**
     * One stage: its base image, its name (null when unnamed) and its instructions after FROM.
     */
    public record Stage(String from, String name, List<String> instructions) {

        /** The arguments of every instruction of this keyword, in order. */
        public List<String> all(String keyword) {
            String prefix = keyword.toUpperCase(Locale.ROOT) + " ";
            return instructions.stream().filter(i -> i.toUpperCase(Locale.ROOT).startsWith(prefix))
                    .map(i -> i.substring(prefix.length()).strip()).toList();
        }

        /** The arguments of the one instruction of this keyword; fails when there is none or more than one. */
        public String one(String keyword) {
            List<String> found = all(keyword);
            if (found.size() != 1) {
                throw new AssertionError("stage " + describe() + ": expected one " + keyword + ", found " + found);
            }
            return found.getFirst();
        }

        /** The one instruction of this keyword in exec form, a JSON array of strings. */
        public List<String> execForm(String keyword) {
            String raw = one(keyword);
            try {
                return List.of(new ObjectMapper().readerForArrayOf(String.class).<String[]>readValue(raw));
            } catch (IOException e) {
                throw new AssertionError("stage " + describe() + ": " + keyword + " is not a JSON array: " + raw, e);
            }
        }

        private String describe() {
            return name == null ? from : name;
        }
    }

    public static DockerfileStages read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Stage> stages = new ArrayList<>();
        String from = null;
        String name = null;
        List<String> instructions = new ArrayList<>();
        for (String instruction : joinContinuations(lines)) {
            Matcher stage = FROM.matcher(instruction);
            if (stage.matches()) {
                if (from != null) {
                    stages.add(new Stage(from, name, List.copyOf(instructions)));
                }
                from = stage.group(1);
                name = stage.group(2);
                instructions.clear();
            } else if (from == null) {
                if (!instruction.toUpperCase(Locale.ROOT).startsWith("ARG ")) {
                    throw new AssertionError(file + ": an instruction before the first FROM: " + instruction);
                }
            } else {
                instructions.add(instruction);
            }
        }
        if (from != null) {
            stages.add(new Stage(from, name, List.copyOf(instructions)));
        }
        return new DockerfileStages(List.copyOf(stages));
    }

    /** The stage of this name ({@code FROM ... AS name}). */
    public Stage named(String name) {
        return stages.stream().filter(s -> name.equals(s.name())).findFirst()
                .orElseThrow(() -> new AssertionError("no stage " + name + " in " + stages.stream().map(Stage::name).toList()));
    }

    /** The final stage: what `docker build` and docker compose build when no target is named. */
    public Stage last() {
        if (stages.isEmpty()) {
            throw new AssertionError("no FROM");
        }
        return stages.getLast();
    }

    private static List<String> joinContinuations(List<String> lines) {
        List<String> joined = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("#") || (line.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
            } else {
                joined.add(current.append(line).toString().replaceAll("\\s+", " ").strip());
                current.setLength(0);
            }
        }
        if (!current.isEmpty()) {
            joined.add(current.toString().replaceAll("\\s+", " ").strip());
        }
        return joined;
    }
}
