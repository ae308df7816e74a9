/**
 * The local platform's secrets: passwords, client secrets and the token signing key,
 * generated once per data folder, readable by their owner alone, and the credentials made
 * of them.
 */
package dev.twelvefactor.launcher.secrets;
