package dev.twelvefactor.support.web;

import dev.twelvefactor.support.problem.Problem;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's error report as problem+json instead of its HTML page. It answers only what
 * Tomcat rejects before Spring MVC sees the request (a {@code %00} or other bad encoding
 * in the path, a malformed request line, headers too large): everything that reaches a
 * servlet has its problem written by Spring already, and a response with content is left
 * alone. The detail names Tomcat's reason for the 4xx it makes; a 5xx says nothing of the
 * server's insides.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		// The connection may be unusable already (the client went away): then nobody
		// would read a report.
		AtomicBoolean ioAllowed = new AtomicBoolean();
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		Problem problem = Problem
			.of(HttpStatusCode.valueOf(status), Problem.titleOf(HttpStatusCode.valueOf(status)),
					detail(status, response.getMessage()))
			.instance(request.getRequestURI());
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(problem.toJson());
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ignored) {
			// The client is gone or the response was taken over; there is no one left to
			// tell.
		}
	}

	private static String detail(int status, String reason) {
		if (status >= 500) {
			return "The server failed to handle the request; it has been logged.";
		}
		String why = (reason == null || reason.isBlank()) ? Problem.titleOf(HttpStatusCode.valueOf(status)) : reason;
		return "The request was refused before it reached the service: " + why
				+ ". Check the request line, the path's %-encoding and the headers.";
	}

}
