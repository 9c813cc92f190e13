package org.triggerhappy.camel.ops;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Service;
import org.apache.camel.component.platform.http.main.DefaultMainHttpServerFactory;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;
import org.apache.camel.main.HttpManagementServerConfigurationProperties;
import org.apache.camel.main.HttpServerConfigurationProperties;
import org.apache.camel.main.MainHttpServerFactory;

/**
 * Camel's own HTTP server factory with {@link HttpGuard} in front of both servers (Camel Main looks a factory up in
 * the registry before its default). Camel 4.18.0's own basic authentication is not used: it takes one path per
 * server, derived from the management path {@code /observe}, which covers that exact path and none below it
 * (GHSA-27vm-5vpj-rp5g), it cannot leave the probes open while guarding the rest, and it wants the password in a
 * plain properties file.
 */
public final class GuardedHttpServerFactory implements MainHttpServerFactory, CamelContextAware {
    private final DefaultMainHttpServerFactory delegate = new DefaultMainHttpServerFactory();
    private final BasicCredentials credentials;

    public GuardedHttpServerFactory(String user, String password) {
        this.credentials = new BasicCredentials(user, password);
    }

    @Override
    public CamelContext getCamelContext() {
        return delegate.getCamelContext();
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        delegate.setCamelContext(camelContext);
    }

    @Override
    public Service newHttpServer(CamelContext camelContext, HttpServerConfigurationProperties configuration) {
        Service s = delegate.newHttpServer(camelContext, configuration);
        guard(((MainHttpServer) s).getConfiguration());
        return s;
    }

    @Override
    public Service newHttpManagementServer(CamelContext camelContext,
                                           HttpManagementServerConfigurationProperties configuration) {
        Service s = delegate.newHttpManagementServer(camelContext, configuration);
        guard(((ManagementHttpServer) s).getConfiguration());
        return s;
    }

    private void guard(VertxPlatformHttpServerConfiguration c) {
        AuthenticationConfig auth = c.getAuthenticationConfig();
        // Relative to the server's sub-router: "/*" is every path the server answers, its own routes included.
        auth.getEntries().add(new AuthenticationConfig.AuthenticationConfigEntry() {
            {
                setPath("/*");
            }

            @Override
            public Handler<RoutingContext> createAuthenticationHandler(Vertx vertx) {
                return new HttpGuard(credentials);
            }
        });
        auth.setEnabled(true);
    }
}
