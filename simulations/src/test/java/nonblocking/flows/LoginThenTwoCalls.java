package nonblocking.flows;

import io.gatling.javaapi.core.ChainBuilder;
import nonblocking.run.Flow;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The worked example of a flow, against our own servers: a "login" (their {@code /health}), then two calls of the
 * seed request. Run it with
 * {@code ./mvnw gatling:test -Dtargets=virtual -Dvirtual.flow=nonblocking.flows.LoginThenTwoCalls -Dvirtual.slo.p99=3000}.
 */
public final class LoginThenTwoCalls implements Flow {

    @Override
    public ChainBuilder chain(Target target) {
        String call = target.url() + "?pause=" + target.pauseMs();
        return exec(http("login").get(target.url() + "health").requestTimeout(target.timeout()).check(status().is(200)))
                .exec(http("first call").get(call).requestTimeout(target.timeout()).check(status().is(200)))
                .exec(http("second call").get(call).requestTimeout(target.timeout()).check(status().is(200)));
    }
}
