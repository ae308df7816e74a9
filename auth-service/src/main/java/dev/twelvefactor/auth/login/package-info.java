/**
 * Where people sign in: Spring Security's login page, and the users from configuration
 * ({@code auth.users}) it checks.
 */
package dev.twelvefactor.auth.login;
