package nonblocking.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import nonblocking.server.wait.WaitKind;
import nonblocking.server.wait.WaitSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The http and db waits' options: a bad one is a usage error (exit 2) whose first line names it, before anything
 * starts; a password never shows; each kind reads in a sentence.
 */
class WaitOptionsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http | downstream.url=http://127.0.0.1:9000/,downstream.calls=0 | downstream.calls=0 must be a whole number from 1 to 100",
        "http | downstream.url=http://127.0.0.1:9000/,downstream.calls=x | downstream.calls=x must be a whole number from 1 to 100",
        "http | downstream.url=not a url   | downstream.url=not a url must be an http:// or https:// base URL",
        "http | downstream.url=ftp://h/    | downstream.url=ftp://h/ must be an http:// or https:// base URL",
        "http | downstream.url=http://127.0.0.1:9000/?x=1 | downstream.url=http://127.0.0.1:9000/?x=1 must be",
        "http | downstream.calls=3         | the http wait needs downstream.url",
        "db   | db.pool=0                  | the db wait needs db.url",
        "db   | db.url=jdbc:mysql://h/db?password=secret | db.url=jdbc:mysql://h/db must be a JDBC URL",
        "db   | db.url=postgresql://h/db   | db.url=postgresql://h/db must be a JDBC URL",
    })
    void aBadOptionIsAUsageErrorNamingIt(String wait, String option, String firstLine) {
        TargetAppCommandTest.Run run = TargetAppCommandTest.run("--port", "0", "--wait", wait, "--wait-option", option);

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().lines().findFirst()).hasValueSatisfying(line -> assertThat(line).startsWith(firstLine));
        assertThat(run.err()).contains("Usage:").doesNotContain("secret");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void dbNumbersAreCheckedWithAUrlGiven() {
        String url = "db.url=jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&password=secret";
        for (String[] option : new String[][] {{"db.pool=0", "db.pool=0 must be a whole number from 1 to 1000"},
                {"db.timeout=100", "db.timeout=100 must be a whole number from 250 to 600000"}}) {
            TargetAppCommandTest.Run run = TargetAppCommandTest.run("--port", "0", "--wait", "db",
                    "--wait-option", url + "," + option[0]);
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err()).startsWith(option[1]).doesNotContain("secret");
        }
    }

    @Test
    void aBadOptionInCodeIsAnIllegalArgumentOfOneLine() {
        assertThatThrownBy(() -> Configs.of(ThreadModel.VIRTUAL).wait(new WaitSpec(WaitKind.HTTP,
                Map.of("downstream.url", "http://127.0.0.1:9000/", "downstream.calls", "101"))).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("downstream.calls=101 must be a whole number from 1 to 100");
    }

    @Test
    void eachKindReadsInASentence() {
        assertThat(new WaitSpec(WaitKind.HTTP, Map.of("downstream.url", "http://127.0.0.1:9000/")).describe(1000))
                .isEqualTo("3 sequential HTTP calls of 333 ms to a downstream server");
        assertThat(new WaitSpec(WaitKind.HTTP, Map.of("downstream.calls", "1")).describe(250))
                .isEqualTo("1 HTTP call of 250 ms to a downstream server");
        assertThat(new WaitSpec(WaitKind.DB, Map.of()).describe(100))
                .isEqualTo("SELECT pg_sleep(0.1) on PostgreSQL through a pool of 50 connections");
        assertThat(new WaitSpec(WaitKind.DB, Map.of("db.pool", "8")).describe(1500))
                .isEqualTo("SELECT pg_sleep(1.5) on PostgreSQL through a pool of 8 connections");
    }
}
