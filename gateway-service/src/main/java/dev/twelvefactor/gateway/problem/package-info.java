/**
 * Every error the gateway itself answers, as problem+json: no route, body too large,
 * malformed request.
 */
package dev.twelvefactor.gateway.problem;
