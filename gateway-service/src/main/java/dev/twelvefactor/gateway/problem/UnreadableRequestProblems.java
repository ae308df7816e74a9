package dev.twelvefactor.gateway.problem;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.twelvefactor.support.problem.Problem;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Requests that are not HTTP enough to reach WebFlux (an invalid percent-encoding such as
 * {@code %zz}, a malformed request line, a line or headers too long) are refused by
 * Reactor Netty itself with an empty 400, 414 or 431. This fills such an answer with the
 * problem+json every other error of the platform carries, so a client can rely on it
 * whichever layer refused.
 */
@Component
class UnreadableRequestProblems implements NettyServerCustomizer {

	private static final Map<HttpResponseStatus, String> DETAILS = Map.of(HttpResponseStatus.BAD_REQUEST,
			"The request could not be read as HTTP: its request line, a header or the percent-encoding of its path is malformed.",
			HttpResponseStatus.REQUEST_URI_TOO_LONG, "The request line is longer than the gateway accepts.",
			HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
			"The request's headers are larger than the gateway accepts.");

	@Override
	public HttpServer apply(HttpServer server) {
		return server.doOnChannelInit((observer, channel, remoteAddress) -> {
			if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
				channel.pipeline().addAfter(NettyPipeline.HttpCodec, "problemForUnreadableRequests", new Filler());
			}
		});
	}

	/**
	 * Fills the empty answer written for a request that could not be read; any other
	 * answer passes as it is. Unreadable: the codec could not decode it, or its URI is no
	 * URI (Spring's Reactor adapter then answers an empty 400 without calling WebFlux).
	 * One handler per connection, served by one thread, so its field needs no lock.
	 */
	static final class Filler extends ChannelDuplexHandler {

		private static final String X_CONTENT_TYPE_OPTIONS = "X-Content-Type-Options";

		/** The request being answered; null until one arrives. */
		private HttpRequest request;

		@Override
		public void channelRead(ChannelHandlerContext context, Object message) throws Exception {
			if (message instanceof HttpRequest received) {
				request = received;
			}
			super.channelRead(context, message);
		}

		/**
		 * Only an empty 400, 414 or 431 leads to a look at the request, so that the URI
		 * is parsed for refused requests alone, not on the gateway's hot path.
		 */
		@Override
		public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) throws Exception {
			if (message instanceof FullHttpResponse response && response.content().readableBytes() == 0
					&& DETAILS.containsKey(response.status()) && unreadable(request)) {
				request = null;
				super.write(context, withProblem(response), promise);
				return;
			}
			super.write(context, message, promise);
		}

		private static boolean unreadable(HttpRequest request) {
			return request != null && (request.decoderResult().isFailure() || !isUri(request.uri()));
		}

		private static boolean isUri(String uri) {
			try {
				new URI(uri);
				return true;
			}
			catch (URISyntaxException ex) {
				return false;
			}
		}

		private static FullHttpResponse withProblem(FullHttpResponse response) {
			HttpStatus status = HttpStatus.valueOf(response.status().code());
			byte[] body = Problem.of(status, Problem.titleOf(status), DETAILS.get(response.status()))
				.toJson()
				.getBytes(StandardCharsets.UTF_8);
			FullHttpResponse filled = response.replace(Unpooled.wrappedBuffer(body));
			// The headers Spring Security adds to every other answer; this one never
			// reaches it.
			filled.headers()
				.set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
				.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
				.set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
				.set(X_CONTENT_TYPE_OPTIONS, "nosniff");
			response.release();
			return filled;
		}

	}

}
