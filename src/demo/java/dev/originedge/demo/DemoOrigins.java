package dev.originedge.demo;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The demo ({@code ./mvnw -Pdemo quarkus:dev}): starts two local S3-compatible origins that verify SigV4,
 * seeded with a small site, and a web app that checks edge-auth, in front of which the proxy runs. Compiled
 * only with the demo Maven profile.
 */
@IfBuildProfile("dev")
@ApplicationScoped
public class DemoOrigins {

    private static final Logger LOG = Logger.getLogger(DemoOrigins.class);

    private S3Origin[] origins = new S3Origin[0];
    private DemoWebApp webApp;

    void start(@Observes StartupEvent event,
            @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int httpPort) throws Exception {
        int usPort = DemoSite.US_PORT;
        int euPort = DemoSite.EU_PORT;
        origins = DemoSite.start(usPort, euPort);
        webApp = DemoWebApp.start(DemoWebApp.PORT);
        String base = "http://localhost:" + httpPort;
        LOG.infof("""

                Origin Edge demo: two local S3 origins (us on :%d, eu on :%d, each with its own credentials).
                Try:
                  curl -i '%s/index.html?pop=AMS'   # Amsterdam -> the eu copy (see X-B2-Host)
                  curl -i '%s/index.html?pop=SJC'   # San Jose  -> the us copy
                  curl -i '%s/hello.txt?pop=NRT'    # Tokyo     -> us
                  curl -I '%s/hello.txt'            # HEAD, POP from edge.pop.default (SJC)
                Static site:
                  curl -i '%s/docs?pop=AMS'         # 301 Location: /docs/?pop=AMS (docs/index.html exists)
                  curl -i '%s/docs/?pop=AMS'        # the index document, Cache-Control from the text/html rule
                  curl -i '%s/missing.html?pop=AMS' # 404 with the bucket's own 404.html (Cache-Control: no-store)
                  curl -i '%s/app/settings'         # 200: the single-page app's document (client-side route)
                  curl -I '%s/assets/app.js'        # Cache-Control: public, max-age=31536000, immutable
                  curl -i -X OPTIONS -H 'Origin: https://example.com' -H 'Access-Control-Request-Method: GET' \\
                       '%s/hello.txt'              # CORS preflight, answered by Quarkus' CORS filter
                  (no x-amz-* header reaches you: edge.response.strip-headers)
                  curl -i '%s/q/health/ready'
                A web app (provider=http on :%d) that answers only requests signed with edge-auth:
                  curl -i '%s/shop/cart?pop=%s&item=7'  # 200: signed by the edge for its POP, query forwarded
                  curl -i 'localhost:%d/shop/cart'        # 403 asked directly: edge-auth MISSING
                Open %s/?pop=LHR in a browser. Stop with q or Ctrl+C.
                """, usPort, euPort, base, base, base, base, base, base, base, base, base, base, base,
                DemoWebApp.PORT, base, DemoWebApp.POP, DemoWebApp.PORT, base);
    }

    void stop(@Observes ShutdownEvent event) throws Exception {
        for (S3Origin origin : origins) {
            origin.close();
        }
        if (webApp != null) {
            webApp.close();
        }
    }
}
