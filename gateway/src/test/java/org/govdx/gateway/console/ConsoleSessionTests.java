package org.govdx.gateway.console;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.govdx.gateway.EchoUpstream;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The console's backend-for-frontend edge, without a browser: what a visitor without a session meets. */
@QuarkusTest
@QuarkusTestResource(EchoUpstream.class)
class ConsoleSessionTests {

    @Test
    void aConsolePageWithoutASessionRedirectsToKeycloakWithPkceAndAnHttpOnlyStateCookie() {
        Response r = given().redirects().follow(false).when().get("/console/inbox");
        assertThat(r.statusCode()).isEqualTo(302);
        String location = r.header("Location");
        assertThat(location).startsWith("http://localhost:8490/realms/govdx/protocol/openid-connect/auth")
                .contains("client_id=govdx-console", "response_type=code", "code_challenge_method=S256", "code_challenge=",
                        "redirect_uri=", "%2Fconsole%2Fcallback");
        assertThat(location).doesNotContain("access_token", "client_secret");
        List<String> cookies = r.headers().getValues("Set-Cookie");
        assertThat(cookies).anySatisfy(c -> assertThat(c).startsWith("q_auth").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax").contains("Secure"));
    }

    @Test
    void theApiKeepsAnsweringBearer401ProblemsNotLoginRedirects() {
        given().redirects().follow(false).when().get("/api/exchange/requests")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void theRootLeadsToTheConsoleAndTheSignedOutPageNeedsNoSession() {
        given().redirects().follow(false).when().get("/").then().statusCode(303).header("Location", org.hamcrest.Matchers.endsWith("/console"));
        given().redirects().follow(false).when().get("/signed-out").then().statusCode(200);
    }

    @Test
    void stylesScriptsAndChartsAreServedWithoutASessionFromTheBuild() {
        given().when().get("/console-assets/console.css").then().statusCode(200);
        given().when().get("/console-assets/merkle.js").then().statusCode(200);
        given().when().get("/webjars/htmx.org/2.0.4/dist/htmx.min.js").then().statusCode(200);
        given().when().get("/_static/echarts/5.6.0/dist/echarts.min.js").then().statusCode(200);
    }
}
