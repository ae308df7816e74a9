/**
 * What goes into the tokens ({@code aud}) and how long the server remembers them.
 */
package dev.twelvefactor.auth.token;
