/**
 * Spring Security for the servlet services (discovery, config, order, inventory,
 * auth-service; the gateway is reactive and has its own), written once.
 * <ul>
 * <li>{@link dev.twelvefactor.support.security.ActuatorSecurityAutoConfiguration}: the
 * management port's chain, auto-configured (HTTP Basic, users {@code monitoring} and
 * {@code admin} from
 * {@link dev.twelvefactor.support.security.PlatformSecurityProperties}). A service
 * declares only the chain of its main port; Spring Boot's default chain is off once this
 * one exists.</li>
 * <li>{@link dev.twelvefactor.support.security.ResourceServerSecurity#apply}: what a
 * resource server sets on that chain before its own {@code authorizeHttpRequests}:
 * stateless, no CSRF, JWT bearer tokens, problem+json for 401 and 403.</li>
 * <li>{@link dev.twelvefactor.support.security.ProblemSecurityHandlers}: the 401 and 403
 * answers as RFC 9457 problems, for chains that sign in differently (HTTP Basic).</li>
 * <li>{@link dev.twelvefactor.support.security.ControlPlaneUsers}: the fixed HTTP Basic
 * users of the control plane, in an authentication manager of one chain's own.</li>
 * </ul>
 * No {@code Customizer<HttpSecurity>} beans here: Spring Security applies those to every
 * chain, this package's management chain included.
 */
package dev.twelvefactor.support.security;
