package nonblocking.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import nonblocking.server.wait.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher the db tests and the ladder share: a real PostgreSQL that starts as root too, and leaves nothing. */
class EmbeddedPostgresTest {

    @TempDir
    Path dir;

    @Test
    void startsOverLeftoversAnswersWithItsMaxConnectionsAndLeavesNoProcessWhenClosed() throws Exception {
        List<Long> pids;
        Path folder = dir.resolve("pg");
        // A killed run's leftovers: initdb would refuse a folder that is not empty.
        Files.createDirectories(folder.resolve("data"));
        Files.writeString(folder.resolve("data/PG_VERSION"), "14");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(folder, 0, 123)) {
            System.out.printf("PostgreSQL started in %d ms on port %d%n", postgres.startup().toMillis(),
                    postgres.port());
            assertThat(postgres.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + postgres.port()
                    + "/postgres?user=postgres");
            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl());
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SHOW max_connections")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("123");
                // This connection's backend is one of the server's processes now.
                pids = postgres.pids();
                assertThat(pids.getFirst()).isEqualTo(postgres.pid());
                assertThat(pids).hasSizeGreaterThan(2);
            }
            assertThat(ProcessHandle.of(postgres.pid()).flatMap(p -> p.info().command()))
                    .hasValueSatisfying(command -> assertThat(command).endsWith("/bin/postgres"));
            assertThat(folder.resolve("postgres.log")).isNotEmptyFile();
        }
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
                .as("process %d after close", pid).isEqualTo(Optional.empty()));
        assertThat(Files.exists(folder.resolve("data"))).as("its data are removed").isFalse();
    }
}
