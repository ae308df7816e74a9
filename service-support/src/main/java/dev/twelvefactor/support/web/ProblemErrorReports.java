package dev.twelvefactor.support.web;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Puts {@link ProblemErrorReportValve} on the embedded Tomcat's host in place of the HTML
 * {@link ErrorReportValve}. Spring Boot adds its own ErrorReportValve from a context
 * customizer; this one runs after Boot's (lowest precedence), so it finds that valve and
 * replaces it, and names its own class as the host's error report valve so that the host
 * does not add the default one back when it starts.
 */
class ProblemErrorReports implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		factory.addContextCustomizers(context -> install(context.getParent()));
	}

	static void install(Container host) {
		for (Valve valve : host.getPipeline().getValves()) {
			if (valve instanceof ErrorReportValve) {
				host.getPipeline().removeValve(valve);
			}
		}
		if (host instanceof StandardHost standardHost) {
			standardHost.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
		}
		host.getPipeline().addValve(new ProblemErrorReportValve());
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
