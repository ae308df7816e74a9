package dev.twelvefactor.support.web;

import dev.twelvefactor.support.problem.Problem;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.boot.webmvc.error.ErrorController;

/**
 * Servlet error dispatches ({@code sendError} or an exception outside Spring MVC's
 * handlers, for example in a filter) answered with problem+json, in place of Spring
 * Boot's {@code BasicErrorController}, whose JSON has another shape. Errors inside Spring
 * MVC never come here: {@code spring.mvc.problemdetails} answers them.
 */
@RestController
@RequestMapping("${server.error.path:/error}")
public class ProblemErrorController implements ErrorController {

	@RequestMapping
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		HttpStatusCode status = HttpStatusCode
			.valueOf(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 500);
		String title = Problem.titleOf(status);
		String detail = status.is5xxServerError() ? "The service failed to handle the request; it has been logged."
				: status.value() == 404 ? "Nothing is at this path." : "The request was refused: " + title + ".";
		return Problem.of(status, title, detail)
			.instance((String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI))
			.toResponseEntity();
	}

}
