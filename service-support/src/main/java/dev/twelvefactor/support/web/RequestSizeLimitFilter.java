package dev.twelvefactor.support.web;

import dev.twelvefactor.support.problem.Problem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Refuses request bodies over {@code platform.max-request-size} with 413 problem+json.
 * Spring MVC reads a JSON body of any size; the gateway checks declared lengths, and this
 * filter also covers bodies sent without a length (chunked) by reading at most one byte
 * more than the limit.
 */
public class RequestSizeLimitFilter extends OncePerRequestFilter {

	private final long maxBytes;

	public RequestSizeLimitFilter(DataSize maxRequestSize) {
		this.maxBytes = maxRequestSize.toBytes();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long declared = request.getContentLengthLong();
		if (declared > maxBytes) {
			tooLarge(request, response, declared + " bytes");
			return;
		}
		if (declared == -1 && "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"))) {
			byte[] body = request.getInputStream().readNBytes((int) maxBytes + 1);
			if (body.length > maxBytes) {
				tooLarge(request, response, "more than " + maxBytes + " bytes");
				return;
			}
			chain.doFilter(new BufferedBodyRequest(request, body), response);
			return;
		}
		chain.doFilter(request, response);
	}

	private void tooLarge(HttpServletRequest request, HttpServletResponse response, String size) throws IOException {
		// Before Spring MVC: no message converter is at hand, the factory writes the JSON
		// itself.
		Problem problem = Problem
			.of(HttpStatus.CONTENT_TOO_LARGE, "Content Too Large",
					"The request body has " + size + "; at most " + maxBytes + " bytes are accepted.")
			.instance(request.getRequestURI());
		response.setStatus(problem.status().value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write(problem.toJson());
	}

	/** The request with its body already read into memory. */
	private static final class BufferedBodyRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		BufferedBodyRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public int getContentLength() {
			return body.length;
		}

		@Override
		public long getContentLengthLong() {
			return body.length;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(body);
			return new ServletInputStream() {
				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("The body is already buffered");
				}
			};
		}

	}

}
